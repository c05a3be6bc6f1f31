package circuitbreaker.access;

/**
 * Who a request comes from, or why nobody: a caller, or a refusal with its status, its words and the reason it is
 * counted under ({@code circuitbreaker_access_refused{reason}}).
 */
public record Identity(Caller caller, int status, String error, String reason) {

    static Identity of(Caller caller) {
        return new Identity(caller, 200, null, null);
    }

    static Identity refused(int status, String reason, String error) {
        return new Identity(null, status, error, reason);
    }

    public boolean known() {
        return caller != null;
    }
}
