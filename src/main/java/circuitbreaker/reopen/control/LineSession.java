package circuitbreaker.reopen.control;

import circuitbreaker.maintenance.entity.MaintenanceState;

/**
 * What the line is for now: a reopening (SPEC §15), until its end, at the pace that gets everyone in by then; or
 * admission mode (SPEC §20), with no end, at its rate: this member's share of the fleet's, the members sharing it
 * evenly.
 *
 * @param name what admissions to it name: the reopening's start, or admission mode's
 * @param until when everyone still in line goes in; {@link #NO_END} in admission mode
 * @param perMilli admission mode's rate here, per millisecond; NaN in a reopening, whose rate the pace finds
 */
record LineSession(long name, long until, double perMilli) {

    static final long NO_END = Long.MAX_VALUE;

    /** The line going on at {@code now}, or null when the site is closed or open to everyone. */
    static LineSession of(MaintenanceState state, long now, int members) {
        if (state.reopeningAt(now)) {
            return new LineSession(state.reopening().from(), state.reopening().until(), Double.NaN);
        }
        if (state.admittingAt(now)) {
            return new LineSession(state.admission().since(), NO_END,
                    state.admission().perMinute() / 60_000.0 / Math.max(1, members));
        }
        return null;
    }

    boolean reopening() {
        return Double.isNaN(perMilli);
    }
}
