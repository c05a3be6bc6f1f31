/**
 * Keeping the members in agreement over Payara's data grid: the state, the windows, the open sockets. It may use
 * platform, maintenance, fleet, live and schedule.
 */
package circuitbreaker.cluster;
