/**
 * The reopening after a maintenance: the waiting visitors let back in the order they came, at an even rate, each
 * with an admission the whole fleet accepts. It may use platform, maintenance, fleet and live.
 */
package circuitbreaker.reopen;
