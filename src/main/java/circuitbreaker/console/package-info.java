/**
 * The operators' console and what it reads: the overview, its live feed, the preview of a draft. It may use platform,
 * access, maintenance, fleet, live, timeline, page, schedule, watch and webhook.
 */
package circuitbreaker.console;
