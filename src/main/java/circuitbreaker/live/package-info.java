/**
 * The visitors' live feed: the socket endpoints, the open sockets and their fan-out, the countdown every second, the
 * pings, the liveness check. It may use platform and maintenance.
 */
package circuitbreaker.live;
