/**
 * Every change visitors were told, and how finished maintenances kept their first promise. It may use platform,
 * access (to name who made each change to operators only) and maintenance.
 */
package circuitbreaker.timeline;
