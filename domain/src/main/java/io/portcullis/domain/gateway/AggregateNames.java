package io.portcullis.domain.gateway;

import java.util.Optional;

/**
 * How the aggregated MCP server {@code /mcp} names what its servers offer: tools and prompts (and the {@code name} of
 * resources) become {@code <slug>__<name>}; resource URIs and URI templates become
 * {@code portcullis://<slug>/<original URI>}. Slugs are {@code [a-z0-9-]}, so the first {@code __} of a name, and
 * the first {@code /} after the scheme of a URI, always end the slug: both forms split back unambiguously.
 */
public final class AggregateNames {
    public static final String SEPARATOR = "__";
    public static final String URI_PREFIX = "portcullis://";

    private AggregateNames() {
    }

    /** One server's thing under its original name. */
    public record Routed(String slug, String name) {
    }

    public static String name(String slug, String name) {
        return slug + SEPARATOR + name;
    }

    /** The slug and original name of {@code <slug>__<name>}; empty when {@code aggregated} has no slug part. */
    public static Optional<Routed> splitName(String aggregated) {
        int at = aggregated == null ? -1 : aggregated.indexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() >= aggregated.length()) {
            return Optional.empty();
        }
        return Optional.of(new Routed(aggregated.substring(0, at), aggregated.substring(at + SEPARATOR.length())));
    }

    public static String uri(String slug, String uri) {
        return URI_PREFIX + slug + "/" + uri;
    }

    /** The slug and original URI of {@code portcullis://<slug>/<uri>}; empty for any other URI. */
    public static Optional<Routed> splitUri(String aggregated) {
        if (aggregated == null || !aggregated.startsWith(URI_PREFIX)) {
            return Optional.empty();
        }
        String rest = aggregated.substring(URI_PREFIX.length());
        int at = rest.indexOf('/');
        if (at <= 0 || at + 1 >= rest.length()) {
            return Optional.empty();
        }
        return Optional.of(new Routed(rest.substring(0, at), rest.substring(at + 1)));
    }
}
