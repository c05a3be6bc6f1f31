#!/usr/bin/env bash
# Lays out the release bundle from what `mvn package` built: target/circuit-breaker-VERSION.tar.gz holds one folder
# with the WAR, the pinned Payara Micro, the scripts and the unit template, server-config/, the operator docs, VERSION,
# the CycloneDX SBOM and SHA256SUMS over all of it; beside it, circuit-breaker-VERSION.tar.gz.sha256, the sum of the
# tarball itself, which install-circuit-breaker.sh checks before it unpacks anything (ship both). Usage: make-bundle.sh TARGET
set -euo pipefail
cd "$(dirname "$0")/../.."
target=$1
version=$(sed -n 's/^version=//p' "$target/classes/circuitbreaker/build.properties")
name=circuit-breaker-$version
dir=$target/bundle/$name
[ -f "$target/bom.json" ] || { echo "make-bundle: no SBOM in $target/bom.json: the CycloneDX plugin makes it only \
when Maven is online (not with -o)" >&2; exit 1; }
rm -rf "$target/bundle" && mkdir -p "$dir/scripts" "$dir/docs"

cp "$target/circuit-breaker.war" "$target/payara-micro.jar" "$dir/"
cp "$target/classes/circuitbreaker/build.properties" "$dir/VERSION"
cp "$target/bom.json" "$dir/sbom.cdx.json"
cp scripts/circuit-breaker.sh scripts/circuit-breaker-status.sh scripts/circuit-breaker-operators.sh \
   scripts/install-circuit-breaker.sh \
   scripts/circuit-breaker.service "$dir/scripts/"
cp -R server-config "$dir/"
cp README.md "$dir/"
cp -R docs/. "$dir/docs/"
find "$dir" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
chmod 0755 "$dir"/scripts/*.sh
(cd "$dir" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS)

# The same bytes from the same inputs: fixed order, owners and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$target/bundle" -cf - "$name" \
  | gzip -n >"$target/$name.tar.gz"
# In sha256sum's own format, so `sha256sum -c` checks it too.
(cd "$target" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "make-bundle: $target/$name.tar.gz and its sum $target/$name.tar.gz.sha256"
