/**
 * Who may operate the breaker: the bearer of the token, or a loopback client that did not come through a proxy. It
 * may use platform.
 */
package circuitbreaker.access;
