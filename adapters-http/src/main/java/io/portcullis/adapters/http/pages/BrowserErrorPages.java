package io.portcullis.adapters.http.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.portcullis.adapters.http.shared.Paths;
import java.util.Map;

/**
 * Error answers for browsers (PRODUCT §11): a request that accepts {@code text/html} outside the machine-facing paths
 * (REST API, OAuth endpoints, gateway, well-known metadata) gets the {@code error} page with the pages' headers
 * instead of JSON. Rendered here rather than through micronaut-views because these answers come from paths no page
 * route (and so no views filter) covers.
 */
public final class BrowserErrorPages {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private BrowserErrorPages() {
    }

    /** Whether {@code request} is a browser's that should get an HTML page rather than a protocol's JSON. */
    public static boolean wanted(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains("text/html")) {
            return false;
        }
        String path = request.getPath();
        boolean machine = path.startsWith("/api/") || path.startsWith("/oauth2/") || Paths.within(path, "/mcp")
                || path.startsWith("/.well-known/");
        boolean page = path.equals("/oauth2/authorize") || path.matches("/api/v2/mcp/servers/[^/]+/oauth2/callback");
        return !machine || page;
    }

    /** {@code response} turned into the error page for {@code status}; {@code detail}, when set, is shown too. */
    @SuppressWarnings("unchecked")
    public static MutableHttpResponse<Object> render(MutableHttpResponse<?> response, HttpStatus status, String detail) {
        MessagePage page = switch (status) {
            case NOT_FOUND -> new MessagePage("Page not found", "There is nothing at this address. Check the link, or start"
                    + " again from the home page.");
            case METHOD_NOT_ALLOWED -> new MessagePage("Not allowed", "This page cannot be used that way. Start again from"
                    + " the home page.");
            case INTERNAL_SERVER_ERROR -> new MessagePage("Something went wrong", "Please try again in a moment. If it keeps"
                    + " happening, tell your administrator: " + detail + ".");
            case SERVICE_UNAVAILABLE -> new MessagePage("Temporarily unavailable", "Portcullis cannot reach its database right"
                    + " now. Try again in a few seconds.");
            default -> new MessagePage(status.getReason(), "The request could not be handled. Start again from the home page.");
        };
        StringOutput html = new StringOutput();
        TEMPLATES.render("error.jte", Map.of("page", page), new PageTemplateOutput(html));
        return PageResponses.secured((MutableHttpResponse<Object>) response, null).status(status)
                .contentType(PageResponses.HTML).body(html.toString());
    }
}
