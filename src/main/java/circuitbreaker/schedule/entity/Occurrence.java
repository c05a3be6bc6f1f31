package circuitbreaker.schedule.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One time a window takes place: from start to end, epoch ms. */
@JsonbPropertyOrder({"windowId", "start", "end"})
public record Occurrence(String windowId, long start, long end) {

    public boolean contains(long now) {
        return start <= now && now < end;
    }

    public boolean overlaps(Occurrence other) {
        return start < other.end && other.start < end;
    }

    /** Names this occurrence, so it is opened once however often the fleet looks at it. */
    public String key() {
        return windowId + "@" + start;
    }
}
