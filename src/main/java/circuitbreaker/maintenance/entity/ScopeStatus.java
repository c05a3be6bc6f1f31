package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.function.Function;

/** One scope at a glance: what it covers, and its status as /api/maintenance/scopes/{name}/status gives it. */
@JsonbPropertyOrder({"name", "hosts", "paths", "watchUrl", "status"})
public record ScopeStatus(String name, List<String> hosts, List<String> paths, String watchUrl, Status status) {

    public static ScopeStatus of(Scope scope, Status status) {
        return new ScopeStatus(scope.name(), scope.hosts(), scope.paths(), scope.watchUrl(), status);
    }

    /** Every scope with its status now, in the order given. */
    public static List<ScopeStatus> every(List<Scope> scopes, Function<String, Status> statusOf) {
        return scopes.stream().map(scope -> of(scope, statusOf.apply(scope.name()))).toList();
    }
}
