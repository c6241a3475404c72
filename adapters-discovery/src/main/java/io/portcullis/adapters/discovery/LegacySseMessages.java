package io.portcullis.adapters.discovery;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the SSE bridge needs to know of JSON-RPC messages: request ids, the id a response answers, progress tokens. */
final class LegacySseMessages {
    private final JsonMapper json;

    LegacySseMessages(JsonMapper json) {
        this.json = json;
    }

    /** One message: the id it answers (a response), its progress token (a notification about a request). */
    record Message(Optional<String> answers, Optional<String> progressToken) {
    }

    /** What a client POSTs: the ids of its requests, their progress tokens, and whether it begins a session. */
    record Posted(List<String> requestIds, List<String> progressTokens, boolean initializes) {
    }

    Message read(String message) {
        Object parsed = parse(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> map)) {
            return new Message(Optional.empty(), Optional.empty());
        }
        Optional<String> answers = !map.containsKey("method") && map.get("id") != null ? Optional.of(key(map.get("id"))) : Optional.empty();
        Object token = map.get("params") instanceof Map<?, ?> p ? p.get("progressToken") : null;
        return new Message(answers, Optional.ofNullable(token).map(LegacySseMessages::key));
    }

    /** Empty when the body is not JSON-RPC. */
    Optional<Posted> posted(byte[] body) {
        Object parsed = parse(body);
        if (parsed == null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        boolean initializes = false;
        for (Object item : parsed instanceof List<?> batch ? batch : List.of(parsed)) {
            if (item instanceof Map<?, ?> map && map.get("method") instanceof String method && map.get("id") != null) {
                ids.add(key(map.get("id")));
                initializes |= method.equals("initialize");
                if (map.get("params") instanceof Map<?, ?> p && p.get("_meta") instanceof Map<?, ?> meta && meta.get("progressToken") != null) {
                    tokens.add(key(meta.get("progressToken")));
                }
            }
        }
        return Optional.of(new Posted(ids, tokens, initializes));
    }

    private Object parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readValue(body, Object.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A JSON-RPC id or progress token as a key: strings and numbers never collide, 1 and 1.0 are one number. */
    static String key(Object id) {
        if (id instanceof Number n) {
            try {
                return "n:" + new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return "n:" + n;
            }
        }
        return "s:" + id;
    }
}
