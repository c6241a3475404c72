package io.portcullis.adapters.http.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsConfigurationProperties;
import io.micronaut.views.jte.JteViewsRendererConfigurationProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The precompiled templates render through PageViewsRenderer: markup, escaping and headers as the pages always had. */
class PageTemplatesTest {
    private static final String NASTY = "<b>\"x\" & 'y'</b>";
    private static final String ESCAPED = "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;";
    private final PageViewsRenderer<Object> renderer = new PageViewsRenderer<>(new ViewsConfigurationProperties(),
            new JteViewsRendererConfigurationProperties());

    private String render(MutableHttpResponse<ModelAndView<Map<String, Object>>> response) throws IOException {
        ModelAndView<Map<String, Object>> view = response.body();
        StringWriter out = new StringWriter();
        renderer.render(view.getView().orElseThrow(), view.getModel().orElseThrow(), null).writeTo(out);
        return out.toString();
    }

    @Test
    void renderWhenValuesHoldMarkupThenEscapedInTextAndAttributesAlike() throws IOException {
        String html = render(PageResponses.page(HttpStatus.OK, "login", new LoginPage("t".repeat(32), "/a?b=1&c=" + NASTY,
                NASTY, NASTY)));
        assertThat(html).contains("<p class=\"error\" role=\"alert\">" + ESCAPED + "</p>")
                .contains("<input type=\"hidden\" name=\"csrf_token\" value=\"" + "t".repeat(32) + "\">")
                .contains("<input type=\"hidden\" name=\"redirect\" value=\"/a?b=1&amp;c=" + ESCAPED + "\">")
                .contains("name=\"email\" autocomplete=\"username\" required value=\"" + ESCAPED + "\">")
                .doesNotContain("<b>").doesNotContain("&#34;");
    }

    @Test
    void renderWhenLayoutThenStylesheetLogoAndTitleFromAssets() throws IOException {
        String html = render(PageResponses.error(HttpStatus.FORBIDDEN, NASTY, "Reload the page and try again."));
        assertThat(html).startsWith("<!doctype html><html lang=\"en\">")
                .contains("<title>" + ESCAPED + " · Portcullis</title><link rel=\"stylesheet\" href=\"/assets/portcullis.css\">")
                .contains("<main class=\"card\"><div class=\"brand\"><img class=\"logo\" src=\"/assets/logo.svg\" alt=\"\"> Portcullis</div>")
                .contains("<h1>" + ESCAPED + "</h1><p class=\"error\">Reload the page and try again.</p>")
                .doesNotContain("<style").doesNotContain("style=");
    }

    @Test
    void renderWhenHomeThenEachServerStateAndAppFormCarryTheToken() throws IOException {
        String token = "k".repeat(32);
        String html = render(PageResponses.page(HttpStatus.OK, "home", new HomePage(token, "ann", "ann@example.com", true,
                List.of(new HomePage.Server("1", "Wiki", "https://p.example/mcp/wiki", HomePage.Connection.READY),
                        new HomePage.Server("2", "Docs", "https://p.example/mcp/docs", HomePage.Connection.CONNECTED),
                        new HomePage.Server("3", NASTY, "https://p.example/mcp/t", HomePage.Connection.NOT_CONNECTED)),
                List.of(new HomePage.App("c%2F1", "Helper", "user:read all")))));
        assertThat(html).contains("<main class=\"card wide\">")
                .contains("<h1>Hello, ann</h1><p class=\"muted\">Signed in as ann@example.com (owner).</p>")
                .contains("<span class=\"ok\">Ready</span>")
                .contains("<form method=\"post\" action=\"/account/servers/2/disconnect\"><input type=\"hidden\" name=\"csrf_token\" value=\""
                        + token + "\"><span class=\"ok\">Connected</span> <button class=\"secondary\" type=\"submit\">Disconnect</button></form>")
                .contains("<strong>" + ESCAPED + "</strong>")
                .contains("<span class=\"off\">Not connected</span> <a class=\"button primary\" href=\"/api/v2/mcp/servers/3/oauth2/connect\">Connect</a>")
                .contains("<form method=\"post\" action=\"/account/apps/c%2F1/revoke\">")
                .contains("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + token + "\">");
    }

    @Test
    void pageWhenRenderedThenOneSetOfStrictHeadersAndExtraFormActionOnlyWhenGiven() {
        MutableHttpResponse<?> plain = PageResponses.page(HttpStatus.OK, "login", new LoginPage("t", "/", null, ""));
        assertThat(plain.getHeaders().get("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'self';"
                + " img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(plain.getHeaders().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(plain.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(plain.getHeaders().get("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(plain.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        MutableHttpResponse<?> consent = PageResponses.page(HttpStatus.OK, "login", new LoginPage("t", "/", null, ""),
                "http://127.0.0.1:*");
        assertThat(consent.getHeaders().get("Content-Security-Policy")).contains("; form-action 'self' http://127.0.0.1:*;");
    }
}
