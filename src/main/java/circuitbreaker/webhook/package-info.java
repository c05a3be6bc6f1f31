/**
 * Telling the team: the receivers' file, the delivery journal, signing and the courier. It may use platform, access,
 * maintenance and schedule.
 */
package circuitbreaker.webhook;
