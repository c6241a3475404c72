package io.portcullis.adapters.http.shared;

/**
 * Path tests for the filters that apply to part of the service only. Those filters are registered for every path and
 * answer {@link io.micronaut.http.filter.ConditionalFilter#isEnabled} with these tests: Micronaut keeps the filters
 * registered for every path in one list sorted once, while a single filter registered for some paths makes it match
 * every such filter's pattern against each request's path and sort the result again, per request.
 */
public final class Paths {
    private Paths() {
    }

    /** {@code path} is {@code segment} itself or a path below it ({@code /account}, {@code /account/…}, not {@code /accounts}). */
    public static boolean within(String path, String segment) {
        return path.startsWith(segment) && (path.length() == segment.length() || path.charAt(segment.length()) == '/');
    }
}
