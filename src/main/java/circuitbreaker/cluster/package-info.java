/**
 * Keeping the members in agreement over Payara's data grid: the state, the windows, each member's counts and admission
 * key, the operators. It may use platform, access, maintenance, fleet, live, reopen and schedule.
 */
package circuitbreaker.cluster;
