package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One scope at a glance: what it covers, and its status as /api/maintenance/scopes/{name}/status gives it. */
@JsonbPropertyOrder({"name", "hosts", "paths", "watchUrl", "status"})
public record ScopeStatus(String name, List<String> hosts, List<String> paths, String watchUrl, Status status) {

    public static ScopeStatus of(Scope scope, Status status) {
        return new ScopeStatus(scope.name(), scope.hosts(), scope.paths(), scope.watchUrl(), status);
    }
}
