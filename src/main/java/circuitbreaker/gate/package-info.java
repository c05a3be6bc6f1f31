/**
 * The question front proxies ask before each request, the always-open paths and the bypass. It may use platform,
 * maintenance and page.
 */
package circuitbreaker.gate;
