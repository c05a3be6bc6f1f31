/**
 * Who may operate the breaker and what: named operators from the operators file (followed across the fleet) with a
 * role and the scopes they may change, the configured token as {@code default}, or a loopback client that did not come
 * through a proxy. It may use platform.
 */
package circuitbreaker.access;
