// A company's OpenID Connect provider for the console's sign-in: npm oidc-provider with its own login and consent
// pages (any login is accepted, as in its development mode). Each person's claim "circuit_breaker" says what they
// may do in the breaker: alice operates the checkout, grace views, anyone else has no such claim.
// Usage: node oidc-provider.js PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI; prints "provider ready" once it listens.
"use strict";
const imported = require("oidc-provider");
const Provider = imported.default || imported.Provider || imported;

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const roles = { alice: ["operator:checkout"], grace: ["viewer"] };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri],
    grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic",
  }],
  claims: { openid: ["sub"], profile: ["preferred_username", "circuit_breaker"], email: ["email"] },
  conformIdTokenClaims: false, // the claims in the ID token too, where relying parties read groups first
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => Object.assign({ sub: id, preferred_username: id, email: `${id}@example.test` },
      roles[id] ? { circuit_breaker: roles[id] } : {}),
  }),
  cookies: { keys: ["circuit-breaker-test-provider"] },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log("provider ready"));
