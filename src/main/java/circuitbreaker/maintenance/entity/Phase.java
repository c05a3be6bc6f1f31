package circuitbreaker.maintenance.entity;

/**
 * How far along the maintenance is, as the page's progress label shows it; reopening while the visitors who waited are
 * let back after it; admission while the site is up behind its waiting room.
 */
public enum Phase {
    ACTIVE, ALMOST, FINAL, COMPLETE, REOPENING, ADMISSION;

    /** Under this many seconds left the label turns to "almost". */
    static final long ALMOST_SECONDS = 300;
    /** Under this many seconds left the label turns to "final". */
    static final long FINAL_SECONDS = 60;

    public static Phase of(boolean active, Long estimatedCompletion, long secondsLeft) {
        if (!active) {
            return COMPLETE;
        }
        if (estimatedCompletion == null) {
            return ACTIVE; // no end known: never claim it is almost over
        }
        if (secondsLeft <= 0) {
            return COMPLETE;
        }
        if (secondsLeft <= FINAL_SECONDS) {
            return FINAL;
        }
        return secondsLeft <= ALMOST_SECONDS ? ALMOST : ACTIVE;
    }

    /** The stable name used in JSON and in the page's markup. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
