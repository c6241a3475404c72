package io.portcullis.adapters.http.shared;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.micronaut.json.tree.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies ourselves so every malformed body (not JSON, wrong types, {@code null}) is a
 * clear 400 in the REST error shape instead of the framework's default answer.
 */
@Singleton
public final class Json {
    public static final int MAX_BODY = 64 * 1024;
    private final JsonMapper mapper;

    public Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("Request body is required.", "send a JSON object");
        }
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("Request body is too large.", "at most " + MAX_BODY + " bytes");
        }
        String trimmed = body.trim();
        if (!trimmed.startsWith("{")) {
            throw ApiException.badRequest("Request body must be a JSON object.", null);
        }
        try {
            JsonNode tree = mapper.readValue(trimmed, JsonNode.class);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("Request body must be a JSON object.", null);
            }
            if (type.isRecord()) {
                checkTypes(tree, type);
            }
            T value = mapper.readValueFromTree(tree, type);
            if (value == null) {
                throw ApiException.badRequest("Request body must be a JSON object.", null);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("Request body is not valid JSON for this endpoint.", firstLine(e.getMessage()));
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> readMap(String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = read(body, Map.class);
        return map;
    }

    /**
     * The binder would quietly turn {@code 123} into {@code "123"}; the contract wants wrong JSON types
     * refused, so each record component's JSON kind is checked against its Java type first.
     */
    private static void checkTypes(JsonNode tree, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode node = tree.get(component.getName());
            if (node == null || node.isNull()) {
                continue;
            }
            Class<?> t = component.getType();
            boolean ok;
            if (t == String.class) {
                ok = node.isString();
            } else if (t == Long.class || t == Integer.class || t == long.class || t == int.class) {
                ok = node.isNumber() && node.getNumberValue().doubleValue() == Math.rint(node.getNumberValue().doubleValue());
            } else if (t == Boolean.class || t == boolean.class) {
                ok = node.isBoolean();
            } else if (List.class.isAssignableFrom(t)) {
                ok = node.isArray();
                if (ok) {
                    for (JsonNode item : node.values()) {
                        ok &= item.isString();
                    }
                }
            } else if (Map.class.isAssignableFrom(t)) {
                ok = node.isObject();
            } else {
                ok = true;
            }
            if (!ok) {
                throw ApiException.validation(component.getName(), "has the wrong JSON type (expected "
                        + describe(t) + ")");
            }
        }
    }

    private static String describe(Class<?> t) {
        if (t == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(t)) {
            return "an array of strings";
        }
        if (Map.class.isAssignableFrom(t)) {
            return "an object";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "a boolean";
        }
        return "an integer";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        String line = message.lines().findFirst().orElse("");
        // never echo long input back
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
