/**
 * The visitor page: the catch-all filter, its rendering, words and assets, and its copy for fronts without a cache.
 * It may use platform, maintenance and timeline.
 */
package circuitbreaker.page;
