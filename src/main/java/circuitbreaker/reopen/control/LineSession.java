package circuitbreaker.reopen.control;

import circuitbreaker.maintenance.entity.MaintenanceState;

/**
 * What the line is for now: a reopening (SPEC §15), until its end, at the pace that gets everyone in by then; or
 * admission mode (SPEC §20), with no end, at its rate for the fleet, of which each member takes an even share.
 *
 * @param name what admissions to it name: the reopening's start, or admission mode's
 * @param until when everyone still in line goes in; {@link #NO_END} in admission mode
 * @param perMinute admission mode's rate for the fleet; 0 in a reopening, whose rate the pace finds
 */
record LineSession(long name, long until, int perMinute) {

    static final long NO_END = Long.MAX_VALUE;

    /** The line going on at {@code now}, or null when the site is closed or open to everyone. */
    static LineSession of(MaintenanceState state, long now) {
        if (state.reopeningAt(now)) {
            return new LineSession(state.reopening().from(), state.reopening().until(), 0);
        }
        if (state.admittingAt(now)) {
            return new LineSession(state.admission().since(), NO_END, state.admission().perMinute());
        }
        return null;
    }

    boolean reopening() {
        return perMinute == 0;
    }

    /** This member's share of admission mode's rate, per millisecond, with {@code members} in the fleet now. */
    double perMilli(int members) {
        return perMinute / 60_000.0 / Math.max(1, members);
    }
}
