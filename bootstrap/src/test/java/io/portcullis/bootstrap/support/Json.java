package io.portcullis.bootstrap.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Reads HTTP response bodies for assertions with Jackson, never with a regular expression: objects become
 * ordered {@link Map}s, arrays {@link List}s, numbers {@code Integer}/{@code Long}/{@code Double}, so AssertJ's
 * map and list assertions state exactly which field holds which value.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The body as plain Java values; fails the test if it is not JSON. */
    public static Object parse(String body) {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A body that must be a JSON object, its members in the order sent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String body) {
        Object value = parse(body);
        if (!(value instanceof Map)) {
            throw new AssertionError("not a JSON object: " + body);
        }
        return (Map<String, Object>) value;
    }

    /** A body that must be a JSON array of objects (a list answer). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(String body) {
        Object value = parse(body);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new AssertionError("not a JSON array of objects: " + body);
        }
        return (List<Map<String, Object>>) value;
    }

    /** The name of an object body's first member ({@code message} for REST errors, {@code error} for OAuth ones). */
    public static String firstField(String body) {
        return object(body).keySet().stream().findFirst().orElseThrow(() -> new AssertionError("empty object: " + body));
    }

    /** The string value of a top-level field of an object body; fails the test if absent or not a string. */
    public static String text(String body, String name) {
        Object value = object(body).get(name);
        if (!(value instanceof String s)) {
            throw new AssertionError("no string field " + name + " in " + body);
        }
        return s;
    }

    /** The one element of a list answer whose {@code key} field equals {@code value}. */
    public static Map<String, Object> element(String body, String key, Object value) {
        List<Map<String, Object>> matches = objects(body).stream().filter(o -> value.equals(o.get(key))).toList();
        if (matches.size() != 1) {
            throw new AssertionError(matches.size() + " elements with " + key + "=" + value + " in " + body);
        }
        return matches.get(0);
    }
}
