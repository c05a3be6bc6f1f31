package circuitbreaker.platform;

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

/**
 * Reads an API request's JSON body, no more of it than allowed, and its fields, each refusal naming the field: every
 * body of the API (the state, the windows, the console's drafts) is read the same way, so every refusal reads the same.
 */
public final class JsonInput {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_TEXT_LENGTH = 500;

    private JsonInput() {
    }

    public static byte[] readLimited(InputStream body) throws InvalidInput, IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    public static InvalidInput tooLarge() {
        return new InvalidInput(413, "body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    public static String decode(byte[] bytes) throws InvalidInput {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput("body is not valid UTF-8");
        }
    }

    public static JsonObject asObject(String body) throws InvalidInput {
        if (body.isBlank()) {
            throw new InvalidInput("body is empty; expected a JSON object such as {\"message\":\"...\"}");
        }
        JsonValue value;
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw new InvalidInput("body is not valid JSON: unexpected text after the JSON value");
            }
        } catch (JsonParsingException e) {
            throw new InvalidInput("body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInput("body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInput("body must be a JSON object, not " + describe(value));
        }
        return value.asJsonObject();
    }

    public static String text(Map<String, JsonValue> object, String name) throws InvalidInput {
        JsonValue value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidInput(name + " must be a string, not " + describe(value));
        }
        String text = string.getString();
        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidInput(name + " must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    public static long wholeNumber(String name, JsonValue value, String unit) throws InvalidInput {
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidInput(name + " must be a whole number of " + unit + ", not " + describe(value));
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.precision() - exact.scale() > 19) { // checked before any conversion: 1e999999999 must stay cheap
            throw new InvalidInput(name + " is far too large");
        }
        if (exact.stripTrailingZeros().scale() > 0) {
            throw new InvalidInput(name + " must be a whole number of " + unit + ", not " + number);
        }
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInput(name + " is far too large");
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
