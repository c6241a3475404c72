package io.portcullis.adapters.http.shared;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request (PRODUCT §11) on logger {@code portcullis.request}: method, route template (never the raw path,
 * which may carry ids; {@code -} when no route matched), status, milliseconds, client address. Never a header, query
 * string or cookie, so no credential. {@code portcullis.log-format}: {@code text} or {@code json}. Always INFO: a client
 * that hung up is not an error. The same measurement feeds the HTTP server timers ({@link HttpServerTimers}), so a
 * request is timed, and its route template resolved, once for both. Every answer passes here, so this is also where it
 * gets its {@code Date} header ({@link HttpDate}; Micronaut's own is turned off with {@code micronaut.server.date-header}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLogFilter implements Ordered {
    static final String LOGGER = "portcullis.request";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = "portcullis.request.started";
    private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{([^:}]+):[^}]*}");
    private final boolean json;
    private final ClientAddressResolver addresses;
    private final HttpServerTimers timers;
    private final HttpDate dates;
    /** Route templates by route: {@code toPathString()} builds a new string on every call. */
    private final Map<UriRouteInfo<?, ?>, String> templates = new ConcurrentHashMap<>();

    /** Without HTTP server timers (tests of the line). */
    public RequestLogFilter(String format, ClientAddressResolver addresses) {
        this(format, addresses, null, null);
    }

    @Inject
    public RequestLogFilter(@Value("${portcullis.log-format:text}") String format, ClientAddressResolver addresses,
            @Nullable HttpServerTimers timers, @Nullable HttpDate dates) {
        this.json = "json".equals(format);
        this.addresses = addresses;
        this.timers = timers;
        this.dates = dates;
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void finished(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (dates != null && !response.getHeaders().contains(HttpHeaders.DATE)) {
            response.header(HttpHeaders.DATE, dates.now());
        }
        Object started = request.getAttribute(STARTED).orElse(null);
        if (!(started instanceof Long)) {
            return;
        }
        long nanos = System.nanoTime() - (Long) started;
        String route = route(request);
        int status = response.code();
        if (timers != null) {
            timers.record(request.getMethod().name(), route, status, nanos); // an enum: custom methods are CUSTOM
        }
        if (LOG.isInfoEnabled()) {
            LOG.info(line(request.getMethodName(), route == null ? "-" : route, status, nanos / 1_000_000,
                    addresses.resolve(request).value()));
        }
    }

    /** The matched route's template, or null when no route matched. */
    private String route(HttpRequest<?> request) {
        RouteMatch<?> match = MatchedRoute.of(request);
        if (!(match instanceof UriRouteMatch<?, ?> uri)) {
            return null;
        }
        UriRouteInfo<?, ?> info = uri.getRouteInfo();
        String template = templates.get(info);
        if (template == null) {
            template = withoutPatterns(info.getUriMatchTemplate().toPathString());
            templates.put(info, template);
        }
        return template;
    }

    /** {@code /users/{user:[^/]+}} as {@code /users/{user}}: a variable's pattern is the route's business, not the log's. */
    static String withoutPatterns(String template) {
        return VARIABLE_PATTERN.matcher(template).replaceAll("{$1}");
    }

    /** Before the security filter, so requests it refuses are logged too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    String line(String method, String route, int status, long ms, String client) {
        StringBuilder out = new StringBuilder(48 + route.length() + client.length());
        if (!json) {
            return out.append(method).append(' ').append(route).append(' ').append(status).append(' ').append(ms)
                    .append("ms ").append(client).toString();
        }
        out.append("{\"method\":\"").append(method).append("\",\"route\":");
        quote(route, out).append(",\"status\":").append(status).append(",\"ms\":").append(ms).append(",\"client\":");
        return quote(client, out).append('}').toString();
    }

    private static StringBuilder quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
