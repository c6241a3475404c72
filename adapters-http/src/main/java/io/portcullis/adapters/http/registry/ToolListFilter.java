package io.portcullis.adapters.http.registry;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.registry.port.out.McpUpstreamPort.UpstreamResponse;
import io.portcullis.domain.registry.ToolPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes tools the server's policy forbids from {@code tools/list} results, in a JSON body or in the data lines
 * of an event stream, so clients are not offered tools the gateway would refuse. Anything unreadable passes as is.
 */
final class ToolListFilter {
    private final JsonMapper json;
    private final ToolPolicy policy;

    ToolListFilter(JsonMapper json, ToolPolicy policy) {
        this.json = json;
        this.policy = policy;
    }

    byte[] filter(UpstreamResponse upstream) {
        if (policy.allow().isEmpty() && policy.deny().isEmpty()) {
            return upstream.body();
        }
        String type = upstream.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        String text = new String(upstream.body(), StandardCharsets.UTF_8);
        if (type.contains("text/event-stream")) {
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                lines.add(line.startsWith("data:") ? "data: " + filterMessage(line.substring(5).trim()) : line);
            }
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
        if (type.contains("json")) {
            return filterMessage(text).getBytes(StandardCharsets.UTF_8);
        }
        return upstream.body();
    }

    @SuppressWarnings("unchecked")
    private String filterMessage(String message) {
        try {
            Object parsed = json.readValue(message, Object.class);
            boolean changed = false;
            for (Object item : parsed instanceof List<?> batch ? batch : List.of(parsed)) {
                if (item instanceof Map<?, ?> map && map.get("result") instanceof Map<?, ?> result
                        && result.get("tools") instanceof List<?> tools) {
                    List<Object> kept = new ArrayList<>();
                    for (Object tool : tools) {
                        if (!(tool instanceof Map<?, ?> t) || !(t.get("name") instanceof String name) || policy.allows(name)) {
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
