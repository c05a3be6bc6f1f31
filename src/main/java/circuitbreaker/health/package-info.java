/**
 * {@code /health} for load balancers and monitoring, and the log's first line: the release and the server's optional
 * features found. It may use platform, access, maintenance, fleet, live, page and watch.
 */
package circuitbreaker.health;
