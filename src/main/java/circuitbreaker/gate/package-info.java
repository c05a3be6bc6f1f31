/**
 * The question front proxies ask before each request, the always-open paths, the bypass and the reopening's
 * admissions. It may use platform, maintenance, reopen and page.
 */
package circuitbreaker.gate;
