package circuitbreaker.maintenance.control;

import circuitbreaker.maintenance.entity.StatusUpdate;
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

/**
 * Turns a POST body into a {@link StatusUpdate}, or says exactly which field is wrong. Reads no more than it allows.
 * Its JSON readers serve every API body (the windows too), so every refusal reads the same.
 */
public class UpdateParser {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_TEXT_LENGTH = 500;
    public static final long MAX_COUNTDOWN_SECONDS = 7 * 24 * 60 * 60;
    static final Set<String> FIELDS = Set.of("message", "currentIssue", "countdown", "estimatedCompletion", "isActive");

    public StatusUpdate parse(InputStream body, long now) throws InvalidUpdate, IOException {
        return parse(decode(readLimited(body)), now);
    }

    StatusUpdate parse(String body, long now) throws InvalidUpdate {
        JsonObject object = asObject(body);
        for (String name : object.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidUpdate("unknown field '" + name + "'; allowed: message, currentIssue, countdown, "
                        + "estimatedCompletion, isActive");
            }
        }
        String message = text(object, "message");
        String issue = text(object, "currentIssue");
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
        return new StatusUpdate(message, issue, active, end);
    }

    public static byte[] readLimited(InputStream body) throws InvalidUpdate, IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    public static InvalidUpdate tooLarge() {
        return new InvalidUpdate(413, "body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    public static String decode(byte[] bytes) throws InvalidUpdate {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUpdate("body is not valid UTF-8");
        }
    }

    public static JsonObject asObject(String body) throws InvalidUpdate {
        if (body.isBlank()) {
            throw new InvalidUpdate("body is empty; expected a JSON object such as {\"message\":\"...\"}");
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw new InvalidUpdate("body is not valid JSON: unexpected text after the JSON value");
            }
        } catch (JsonParsingException e) {
            throw new InvalidUpdate("body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidUpdate("body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidUpdate("body must be a JSON object, not " + describe(value));
        }
        return value.asJsonObject();
    }

    public static String text(Map<String, JsonValue> object, String name) throws InvalidUpdate {
        JsonValue value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidUpdate(name + " must be a string, not " + describe(value));
        }
        String text = string.getString();
        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidUpdate(name + " must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    static boolean bool(JsonValue value) throws InvalidUpdate {
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new InvalidUpdate("isActive must be true or false, not " + describe(value));
    }

    static long countdown(JsonValue value) throws InvalidUpdate {
        long seconds = wholeNumber("countdown", value, "seconds");
        if (seconds < 0) {
            throw new InvalidUpdate("countdown must not be negative");
        }
        if (seconds > MAX_COUNTDOWN_SECONDS) {
            throw new InvalidUpdate("countdown must be at most " + MAX_COUNTDOWN_SECONDS + " seconds (7 days)");
        }
        return seconds;
    }

    static Long endTime(JsonValue value, long now) throws InvalidUpdate {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null; // the operator says: no end is known
        }
        long at = wholeNumber("estimatedCompletion", value, "milliseconds since the epoch");
        if (at < now) {
            throw new InvalidUpdate("estimatedCompletion is in the past; send a future time in epoch milliseconds");
        }
        if (at > now + MAX_COUNTDOWN_SECONDS * 1000) {
            throw new InvalidUpdate("estimatedCompletion must be at most 7 days from now");
        }
        return at;
    }

    public static long wholeNumber(String name, JsonValue value, String unit) throws InvalidUpdate {
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidUpdate(name + " must be a whole number of " + unit + ", not " + describe(value));
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.precision() - exact.scale() > 19) { // checked before any conversion: 1e999999999 must stay cheap
            throw new InvalidUpdate(name + " is far too large");
        }
        if (exact.stripTrailingZeros().scale() > 0) {
            throw new InvalidUpdate(name + " must be a whole number of " + unit + ", not " + number);
        }
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidUpdate(name + " is far too large");
        }
    }

    public static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
