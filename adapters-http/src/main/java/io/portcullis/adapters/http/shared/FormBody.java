package io.portcullis.adapters.http.shared;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code application/x-www-form-urlencoded} body parsed by hand so repeated parameters can be refused. */
public final class FormBody {
    private final Map<String, List<String>> values;

    private FormBody(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Empty optional when the body is not valid form encoding. */
    public static Optional<FormBody> parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return Optional.of(new FormBody(values));
        }
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.of(new FormBody(values));
    }

    public static FormBody of(Map<String, List<String>> values) {
        return new FormBody(new LinkedHashMap<>(values));
    }

    /** The single value of {@code name}; empty values count as absent. */
    public Optional<String> single(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() || list.get(0).isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Names that appear more than once (RFC 6749 §3.1: parameters must not be repeated). */
    public Optional<String> repeated() {
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).findFirst();
    }

    public boolean has(String name) {
        return single(name).isPresent();
    }
}
