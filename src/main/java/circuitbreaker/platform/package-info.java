/**
 * What every capability shares and that knows none of them: JSON-B, JSON files written atomically, the API's error
 * shape and body readers, the heartbeat and the clock, metrics, the outbound HTTP client, the proxy-cache hint. It
 * uses nothing of the rest.
 */
package circuitbreaker.platform;
