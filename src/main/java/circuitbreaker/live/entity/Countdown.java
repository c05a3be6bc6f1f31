package circuitbreaker.live.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The data of a countdownUpdate; serverTime lets pages correct for their own clock. */
@JsonbPropertyOrder({"countdown", "estimatedCompletion", "serverTime", "phase"})
public record Countdown(long countdown, Long estimatedCompletion, long serverTime, String phase) {
}
