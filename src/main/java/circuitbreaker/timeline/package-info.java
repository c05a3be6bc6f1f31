/**
 * Every change visitors were told, and how finished maintenances kept their first promise. It may use platform and
 * maintenance.
 */
package circuitbreaker.timeline;
