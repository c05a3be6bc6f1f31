/**
 * {@code /health} for load balancers and monitoring. It may use platform, maintenance, fleet, live, page and watch.
 */
package circuitbreaker.health;
