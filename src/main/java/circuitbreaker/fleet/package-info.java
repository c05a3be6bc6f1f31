/**
 * Who is in the fleet, who leads what happens once per fleet, and whether this member is in step with it. It may use
 * platform.
 */
package circuitbreaker.fleet;
