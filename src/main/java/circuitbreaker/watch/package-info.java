/**
 * The automatic breaker: probing the main site, tripping and recovering. It may use platform, maintenance, fleet and
 * page.
 */
package circuitbreaker.watch;
