package io.portcullis.adapters.http.shared;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request (PRODUCT §11) on logger {@code portcullis.request}: method, route template (never the raw path,
 * which may carry ids; {@code -} when no route matched), status, milliseconds, client address. Never a header, query
 * string or cookie, so no credential. {@code portcullis.log-format}: {@code text} or {@code json}. Always INFO: a client
 * that hung up is not an error.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLogFilter implements Ordered {
    static final String LOGGER = "portcullis.request";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = "portcullis.request.started";
    private final boolean json;
    private final ClientAddressResolver addresses;

    public RequestLogFilter(@Value("${portcullis.log-format:text}") String format, ClientAddressResolver addresses) {
        this.json = "json".equals(format);
        this.addresses = addresses;
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        if (LOG.isInfoEnabled()) {
            request.setAttribute(STARTED, System.nanoTime());
        }
    }

    @ResponseFilter
    void finished(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (started == null) {
            return;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        String route = RouteAttributes.getRouteMatch(request).filter(UriRouteMatch.class::isInstance)
                .map(m -> ((UriRouteMatch<?, ?>) m).getRouteInfo().getUriMatchTemplate().toPathString()).orElse("-");
        LOG.info(line(request.getMethodName(), route, response.code(), ms, addresses.resolve(request).value()));
    }

    /** Before the security filter, so requests it refuses are logged too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    String line(String method, String route, int status, long ms, String client) {
        if (!json) {
            return method + " " + route + " " + status + " " + ms + "ms " + client;
        }
        return "{\"method\":\"" + method + "\",\"route\":" + quote(route) + ",\"status\":" + status + ",\"ms\":" + ms
                + ",\"client\":" + quote(client) + "}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
