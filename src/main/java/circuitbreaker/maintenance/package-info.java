/**
 * The state: its API, validation, store, file, events, gauges and readiness check. It may use platform and access.
 */
package circuitbreaker.maintenance;
