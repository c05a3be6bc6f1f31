/**
 * The lines visitors wait in: the reopening after a maintenance and admission mode, the waiting room of a site that is
 * up. Visitors are let in in the order they came at a steady rate, each with an admission of its own that the whole
 * fleet accepts. It may use platform, access, maintenance, fleet and live.
 */
package circuitbreaker.reopen;
