package io.portcullis.domain.identity;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Objects a key may touch, as {@code <resource>:<id>} entries with {@code *} wildcards; default {@code *:*}. */
public record AllowList(List<String> entries) {
    private static final Pattern ENTRY = Pattern.compile("^(\\*|[a-z0-9_]{1,32}):(\\*|[A-Za-z0-9_.-]{1,128})$");
    public static final AllowList ANY = new AllowList(List.of("*:*"));

    public AllowList {
        DomainValidationException.require(entries != null && !entries.isEmpty(), "allow_list", "must not be empty");
        for (String e : entries) {
            DomainValidationException.require(e != null && ENTRY.matcher(e).matches(), "allow_list",
                    "entry '" + e + "' is not <resource>:<id>");
            String resource = e.substring(0, e.indexOf(':'));
            DomainValidationException.require(resource.equals("*") || Scope.RESOURCES.contains(resource), "allow_list",
                    "unknown resource in '" + e + "'");
        }
        entries = List.copyOf(entries);
    }

    public static AllowList of(Collection<String> values) {
        return values == null || values.isEmpty() ? ANY : new AllowList(List.copyOf(values));
    }

    /** True when the key may act on object {@code id} of kind {@code resource}. */
    public boolean allows(String resource, String id) {
        for (String e : entries) {
            int colon = e.indexOf(':');
            String r = e.substring(0, colon);
            String i = e.substring(colon + 1);
            if ((r.equals("*") || r.equals(resource)) && (i.equals("*") || i.equals(id))) {
                return true;
            }
        }
        return false;
    }
}
