package circuitbreaker.live.entity;

import circuitbreaker.maintenance.entity.Scope;

/**
 * The CDI event of a visitor's page that has just connected.
 *
 * @param order when it joined, counted on this instance from 0: the order in which visitors started waiting here
 * @param scope whose feed it follows: "site" for the whole site
 */
public record SocketJoined(String sessionId, long order, String scope) {

    public boolean ofSite() {
        return Scope.SITE.equals(scope);
    }
}
