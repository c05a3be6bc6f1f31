package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.Reopening;
import circuitbreaker.maintenance.entity.StatusUpdate;
import circuitbreaker.platform.InvalidInput;
import circuitbreaker.platform.JsonInput;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Turns a POST body into a {@link StatusUpdate}, or says exactly which field is wrong, with {@link JsonInput}. */
public class UpdateParser {

    public static final long MAX_COUNTDOWN_SECONDS = 7 * 24 * 60 * 60;
    static final Set<String> FIELDS = Set.of("message", "currentIssue", "countdown", "estimatedCompletion", "isActive",
            "reopenSeconds", "deploy");

    public StatusUpdate parse(InputStream body, long now) throws InvalidInput, IOException {
        return parse(JsonInput.decode(JsonInput.readLimited(body)), now);
    }

    StatusUpdate parse(String body, long now) throws InvalidInput {
        JsonObject object = JsonInput.asObject(body);
        for (String name : object.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidInput("unknown field '" + name + "'; allowed: message, currentIssue, countdown, "
                        + "estimatedCompletion, isActive, reopenSeconds, deploy");
            }
        }
        String message = JsonInput.text(object, "message");
        String issue = JsonInput.text(object, "currentIssue");
        Boolean active = object.containsKey("isActive") ? bool(object.get("isActive")) : null;
        StatusUpdate.End end = null;
        if (object.containsKey("estimatedCompletion")) {
            end = new StatusUpdate.End(endTime(object.get("estimatedCompletion"), now));
        } else if (object.containsKey("countdown")) {
            end = new StatusUpdate.End(now + countdown(object.get("countdown")) * 1000);
        }
        if (object.containsKey("countdown")) {
            countdown(object.get("countdown")); // validated even when estimatedCompletion wins
        }
        Long reopen = object.containsKey("reopenSeconds") ? reopenSeconds(object.get("reopenSeconds")) : null;
        String deploy = JsonInput.text(object, "deploy");
        if (deploy != null && !StatusUpdate.DEPLOY_STEPS.contains(deploy)) {
            throw new InvalidInput("deploy must be one of " + String.join(", ", StatusUpdate.DEPLOY_STEPS) + ", not '"
                    + deploy + "'");
        }
        return new StatusUpdate(message, issue, active, end, reopen, deploy);
    }

    static long reopenSeconds(JsonValue value) throws InvalidInput {
        long seconds = JsonInput.wholeNumber("reopenSeconds", value, "seconds");
        if (seconds < 0 || seconds > Reopening.MAX_SECONDS) {
            throw new InvalidInput("reopenSeconds must be from 0 (everyone at once) to " + Reopening.MAX_SECONDS);
        }
        return seconds;
    }

    static boolean bool(JsonValue value) throws InvalidInput {
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidInput("isActive must be true or false, not " + JsonInput.describe(value));
    }

    static long countdown(JsonValue value) throws InvalidInput {
        long seconds = JsonInput.wholeNumber("countdown", value, "seconds");
        if (seconds < 0) {
            throw new InvalidInput("countdown must not be negative");
        }
        if (seconds > MAX_COUNTDOWN_SECONDS) {
            throw new InvalidInput("countdown must be at most " + MAX_COUNTDOWN_SECONDS + " seconds (7 days)");
        }
        return seconds;
    }

    static Long endTime(JsonValue value, long now) throws InvalidInput {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null; // the operator says: no end is known
        }
        long at = JsonInput.wholeNumber("estimatedCompletion", value, "milliseconds since the epoch");
        if (at < now) {
            throw new InvalidInput("estimatedCompletion is in the past; send a future time in epoch milliseconds");
        }
        if (at > now + MAX_COUNTDOWN_SECONDS * 1000) {
            throw new InvalidInput("estimatedCompletion must be at most 7 days from now");
        }
        return at;
    }
}
