package io.portcullis.adapters.http.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsConfigurationProperties;
import io.micronaut.views.jte.JteViewsRendererConfigurationProperties;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.adapters.http.pages.PageViewsRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** consent.jte: who asks for what, where the browser goes next, and the echoed request in hidden fields. */
class ConsentTemplateTest {
    private final PageViewsRenderer<Object> renderer = new PageViewsRenderer<>(new ViewsConfigurationProperties(),
            new JteViewsRendererConfigurationProperties());

    private String render(ConsentPage page) throws IOException {
        ModelAndView<Map<String, Object>> view = PageResponses.page(HttpStatus.OK, "consent", page).body();
        StringWriter out = new StringWriter();
        renderer.render(view.getView().orElseThrow(), view.getModel().orElseThrow(), null).writeTo(out);
        return out.toString();
    }

    private static ConsentPage page(boolean api, String resourceName, String documentUrl, boolean loopback) {
        return new ConsentPage("c".repeat(32), "App \"1\"", "ann", "ann@example.com",
                List.of(new ConsentPage.Permission(ConsentPage.describe("user:read"), "user:read"),
                        new ConsentPage.Permission(ConsentPage.describe("mcp_gateway:use"), "mcp_gateway:use")),
                api, resourceName, "https://p.example/mcp/wiki", "127.0.0.1:5000", documentUrl, loopback,
                List.of(new ConsentPage.Field("client_id", "abc"), new ConsentPage.Field("state", "s\"<&>'")));
    }

    @Test
    void renderWhenMcpServerResourceThenNamesItAndEchoesTheRequest() throws IOException {
        String html = render(page(false, "Wiki", "https://app.example/client.json", true));
        assertThat(html).contains("<title>Authorize App &quot;1&quot; · Portcullis</title>")
                .contains("<h1>Authorize App &quot;1&quot;?</h1>")
                .contains("<p><strong>App &quot;1&quot;</strong> wants to act as <strong>ann</strong> (ann@example.com).</p>")
                .contains("<li>Read your user account <span class=\"muted\">(user:read)</span></li>")
                .contains("<li>Use the MCP gateway <span class=\"muted\">(mcp_gateway:use)</span></li>")
                .contains("<p class=\"muted\">Access is limited to <strong>Wiki</strong> (<code>https://p.example/mcp/wiki</code>)."
                        + " After you decide you will be sent to <strong>127.0.0.1:5000</strong>.</p>")
                .contains("<p class=\"muted\">This application describes itself at <code>https://app.example/client.json</code>.</p>")
                .contains("<p class=\"warning\">The answer goes to an app on this computer (127.0.0.1:5000).")
                .contains("<input type=\"hidden\" name=\"csrf_token\" value=\"" + "c".repeat(32) + "\">"
                        + "<input type=\"hidden\" name=\"client_id\" value=\"abc\">"
                        + "<input type=\"hidden\" name=\"state\" value=\"s&quot;&lt;&amp;&gt;&#39;\">")
                .contains("<button class=\"secondary\" type=\"submit\" name=\"action\" value=\"deny\">Deny</button>"
                        + "<button class=\"primary\" type=\"submit\" name=\"action\" value=\"allow\">Allow</button>");
    }

    @Test
    void renderWhenApiOrUnnamedResourceThenSaysSoWithoutDocumentOrLoopbackNotes() throws IOException {
        assertThat(render(page(true, null, null, false))).contains("Access is limited to the Portcullis API (<code>")
                .doesNotContain("describes itself").doesNotContain("class=\"warning\"");
        assertThat(render(page(false, null, null, false))).contains("Access is limited to this resource (<code>");
    }
}
