package io.portcullis.adapters.http.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.json.JsonMapper;
import io.portcullis.application.gateway.port.out.JsonRpcPort;
import io.portcullis.domain.gateway.JsonRpcCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** JSON-RPC 2.0 reading and tool-list rewriting for the gateway, on Micronaut's JSON mapper. */
public final class JsonRpcCodec implements JsonRpcPort {
    private static final JsonFactory STREAMING = JsonFactory.builder().build();
    private final JsonMapper json;

    public JsonRpcCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * Reads only what the tool policy needs — each message's {@code method} and {@code params.name} — with a streaming
     * parser: every other value is skipped unbuilt, though the whole body must still be well-formed JSON (one value,
     * nothing after it).
     */
    @Override
    public Optional<List<JsonRpcCall>> read(byte[] body) {
        List<JsonRpcCall> calls = new ArrayList<>();
        if (body.length == 0) {
            return Optional.of(calls);
        }
        try (JsonParser parser = STREAMING.createParser(body)) {
            JsonToken root = parser.nextToken();
            if (root == null || root == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            if (root == JsonToken.START_ARRAY) {
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    calls.add(message(parser, t));
                }
            } else {
                calls.add(message(parser, root));
            }
            return parser.nextToken() == null ? Optional.of(calls) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One message, the parser on its first token; leaves the parser on its last. */
    private static JsonRpcCall message(JsonParser parser, JsonToken first) throws IOException {
        if (first == null) {
            throw new IOException("truncated");
        }
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return JsonRpcCall.of(null, null);
        }
        String method = null;
        String name = null;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("method")) {
                method = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                parser.skipChildren();
            } else if (field.equals("params")) {
                name = value == JsonToken.START_OBJECT ? toolName(parser) : skipped(parser);
            } else {
                parser.skipChildren();
            }
        }
        return JsonRpcCall.of(method, name);
    }

    /** {@code params.name} when it is a string; the parser ends on the object's end. */
    private static String toolName(JsonParser parser) throws IOException {
        String name = null;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("name")) {
                name = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren();
        }
        return name;
    }

    private static String skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    @Override
    public byte[] keepTools(byte[] body, String contentType, Predicate<String> keep) {
        String type = contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.contains("text/event-stream")) {
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                lines.add(line.startsWith("data:") ? "data: " + keepTools(line.substring(5).trim(), keep) : line);
            }
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
        if (type.contains("json")) {
            return keepTools(text, keep).getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private String keepTools(String message, Predicate<String> keep) {
        try {
            Object parsed = json.readValue(message, Object.class);
            boolean changed = false;
            for (Object item : parsed instanceof List<?> batch ? batch : List.of(parsed)) {
                if (item instanceof Map<?, ?> map && map.get("result") instanceof Map<?, ?> result
                        && result.get("tools") instanceof List<?> tools) {
                    List<Object> kept = new ArrayList<>();
                    for (Object tool : tools) {
                        if (!(tool instanceof Map<?, ?> t) || !(t.get("name") instanceof String name) || keep.test(name)) {
                            kept.add(tool);
                        }
                    }
                    if (kept.size() != tools.size()) {
                        ((Map<String, Object>) result).put("tools", kept);
                        changed = true;
                    }
                }
            }
            return changed ? json.writeValueAsString(parsed) : message;
        } catch (IOException | RuntimeException e) {
            return message;
        }
    }
}
