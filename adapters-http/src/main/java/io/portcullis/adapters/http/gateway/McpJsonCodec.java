package io.portcullis.adapters.http.gateway;

import io.micronaut.json.JsonMapper;
import io.portcullis.application.gateway.port.out.McpJsonPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON of the aggregated MCP server on Micronaut's JSON mapper; event streams read as server-sent events. */
public final class McpJsonCodec implements McpJsonPort {
    private final JsonMapper json;

    public McpJsonCodec(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Optional<Object> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, Object.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Map<String, Object>> answerTo(String id, byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return answerIn(id, text);
        }
        StringBuilder data = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (line.isEmpty()) {
                Optional<Map<String, Object>> found = data.length() == 0 ? Optional.empty() : answerIn(id, data.toString());
                if (found.isPresent()) {
                    return found;
                }
                data.setLength(0);
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                data.append(data.length() == 0 ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        return data.length() == 0 ? Optional.empty() : answerIn(id, data.toString());
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> answerIn(String id, String message) {
        Optional<Object> parsed = parse(message.getBytes(StandardCharsets.UTF_8));
        for (Object item : parsed.map(p -> p instanceof List<?> batch ? (List<Object>) batch : List.of(p)).orElse(List.of())) {
            if (item instanceof Map<?, ?> map && !map.containsKey("method") && id.equals(String.valueOf(map.get("id")))) {
                return Optional.of((Map<String, Object>) map);
            }
        }
        return Optional.empty();
    }
}
