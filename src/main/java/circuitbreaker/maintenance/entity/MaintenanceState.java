package circuitbreaker.maintenance.entity;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * The maintenance state as it is kept on disk: absolute times only, so a countdown survives restarts.
 *
 * @param version grows by one with every accepted update; across a cluster the higher version wins
 * @param cause who made the last change ({@link Cause#key()}); files written before it existed read as "operator"
 * @param reopening the reopening going on, or the last one, until maintenance is on again; null when there was none
 * @param admission the waiting room while it is on (it admits while maintenance is off and no reopening goes on); null
 *     when off. Files written before it existed read as off
 * @param deploy the step of a deploy this change was ({@link StatusUpdate#DEPLOY_STEPS}), or null
 * @param by who made the last change ({@link Author#name()}); null in files written before it existed
 */
@JsonbPropertyOrder({"isActive", "message", "currentIssue", "startTime", "estimatedCompletion", "updatedAt", "version",
        "cause", "by", "reopening", "admission", "deploy"})
public record MaintenanceState(boolean isActive, String message, String currentIssue, long startTime,
        Long estimatedCompletion, long updatedAt, long version, String cause, Reopening reopening,
        AdmissionMode admission, String deploy, String by) implements Serializable {

    @JsonbCreator // the file holds every component; the shorter constructor is for states made in code
    public MaintenanceState {
        cause = cause == null ? Cause.OPERATOR.key() : cause;
    }

    public MaintenanceState(boolean isActive, String message, String currentIssue, long startTime,
            Long estimatedCompletion, long updatedAt, long version, String cause) {
        this(isActive, message, currentIssue, startTime, estimatedCompletion, updatedAt, version, cause, null, null,
                null, null);
    }

    public static final String DEFAULT_MESSAGE =
            "We are carrying out maintenance to make things better. We will be back soon.";
    public static final String DEFAULT_ISSUE = "Scheduled maintenance";

    /**
     * What a service with no state file starts with: maintenance off, so installing the breaker in front of a live
     * site never closes it. The texts are what the first POST that only says "on" shows.
     */
    public static MaintenanceState initial(long now) {
        return new MaintenanceState(false, DEFAULT_MESSAGE, DEFAULT_ISSUE, now, null, now, 0, null);
    }

    /** @param defaultReopenSeconds the reopening's length when an update ends maintenance without saying one */
    public MaintenanceState apply(StatusUpdate update, long now, Author by, long defaultReopenSeconds) {
        boolean active = update.isActive() == null || update.isActive();
        return new MaintenanceState(
                active,
                update.message() == null ? message : update.message(),
                update.currentIssue() == null ? currentIssue : update.currentIssue(),
                active && !isActive ? now : startTime,
                update.end() == null ? estimatedCompletion : update.end().epochMillis(),
                now,
                version + 1,
                by.cause().key(),
                active ? null : reopeningAfter(update.reopenSeconds(), now, defaultReopenSeconds),
                admission, update.deploy(), by.name());
    }

    /** Admission mode on (with these settings) or off (null): a change of its own, by {@code by}. */
    public MaintenanceState withAdmission(AdmissionMode mode, long now, Author by) {
        return new MaintenanceState(isActive, message, currentIssue, startTime, estimatedCompletion, now, version + 1,
                by.cause().key(), reopening, mode, null, by.name());
    }

    /** Whether the waiting room admits now: it is on, maintenance is off and no reopening goes on. */
    public boolean admittingAt(long now) {
        return !isActive && admission != null && !reopeningAt(now);
    }

    /**
     * Ending maintenance starts a reopening (0 seconds: none, everyone at once). While maintenance is off, a length
     * sets the time left from now: 0 lets everyone in now; the reopening keeps its name ({@code from}), so those
     * already let in stay in.
     */
    private Reopening reopeningAfter(Long seconds, long now, long defaultSeconds) {
        if (isActive) {
            long length = seconds == null ? defaultSeconds : seconds;
            return length == 0 ? null : new Reopening(now, now + length * 1000, null);
        }
        if (seconds == null) {
            return reopening;
        }
        boolean going = reopening != null && reopening.inProgressAt(now);
        if (seconds == 0) {
            return going ? new Reopening(reopening.from(), now, null) : reopening;
        }
        return new Reopening(going ? reopening.from() : now, now + seconds * 1000, null);
    }

    /** The reopening recorded as ended, with the visitors the fleet let in: a change of its own, by the same author. */
    public MaintenanceState reopeningEnded(long now, long admitted) {
        return new MaintenanceState(isActive, message, currentIssue, startTime, estimatedCompletion, now, version + 1,
                cause, new Reopening(reopening.from(), Math.min(reopening.until(), now), admitted), admission, null,
                by);
    }

    public boolean reopeningAt(long now) {
        return !isActive && reopening != null && reopening.inProgressAt(now);
    }

    public boolean causedBy(Cause by) {
        return cause.equals(by.key());
    }

    /** Maintenance is on, and the last change was this one's: the watcher and windows close only such. */
    public boolean openedBy(Author by) {
        return isActive && causedBy(by.cause());
    }

    /**
     * Which of two states a cluster keeps: the higher version, then the later update, then (only for two different
     * updates made in the same millisecond on two instances) an arbitrary but everywhere-identical order.
     */
    public boolean isNewerThan(MaintenanceState other) {
        if (version != other.version) {
            return version > other.version;
        }
        if (updatedAt != other.updatedAt) {
            return updatedAt > other.updatedAt;
        }
        return !equals(other) && toString().compareTo(other.toString()) > 0;
    }

    /** Whole seconds left at {@code now}, rounded up so "0" means the end has really come; never negative. */
    public long countdownAt(long now) {
        if (estimatedCompletion == null || estimatedCompletion <= now) {
            return 0;
        }
        return (estimatedCompletion - now + 999) / 1000;
    }

    public Phase phaseAt(long now) {
        if (reopeningAt(now)) {
            return Phase.REOPENING;
        }
        return admittingAt(now) ? Phase.ADMISSION : Phase.of(isActive, estimatedCompletion, countdownAt(now));
    }

    /** @param progress this instance's visitors in the line going on: the reopening's, else admission mode's */
    public Status at(long now, long lastBroadcast, ReopeningProgress progress) {
        ReopeningStatus shown = reopening == null || isActive ? null : reopening.admitted() != null
                ? new ReopeningStatus(reopening.from(), reopening.until(), reopening.admitted(), 0)
                : new ReopeningStatus(reopening.from(), reopening.until(), progress.admitted(), progress.waiting());
        boolean line = admittingAt(now);
        AdmissionStatus waitingRoom = admission == null ? null : new AdmissionStatus(true, admission.since(),
                admission.perMinute(), admission.idleSeconds(), admission.by(), line ? progress.admitted() : 0,
                line ? progress.waiting() : 0);
        return new Status(isActive, message, currentIssue, countdownAt(now), startTime, estimatedCompletion,
                lastBroadcast, phaseAt(now).key(), cause, updatedAt, version, shown, waitingRoom, deploy);
    }
}
