package io.portcullis.adapters.http.gateway;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
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
    private final JsonMapper json;

    public JsonRpcCodec(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Optional<List<JsonRpcCall>> read(byte[] body) {
        List<JsonRpcCall> calls = new ArrayList<>();
        if (body.length == 0) {
            return Optional.of(calls);
        }
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        List<JsonNode> messages = new ArrayList<>();
        if (root.isArray()) {
            root.values().forEach(messages::add);
        } else {
            messages.add(root);
        }
        for (JsonNode message : messages) {
            JsonNode method = message.isObject() ? message.get("method") : null;
            JsonNode params = message.isObject() ? message.get("params") : null;
            JsonNode name = params != null && params.isObject() ? params.get("name") : null;
            calls.add(JsonRpcCall.of(method != null && method.isString() ? method.getStringValue() : null,
                    name != null && name.isString() ? name.getStringValue() : null));
        }
        return Optional.of(calls);
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
