/**
 * Planned windows: their API, calendar rules, book and clock, the upcoming ones and the banner. It may use platform,
 * access, maintenance and fleet.
 */
package circuitbreaker.schedule;
