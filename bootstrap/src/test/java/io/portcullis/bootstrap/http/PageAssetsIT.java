package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ViewsFilter;
import io.portcullis.adapters.http.pages.PagesViewsFilter;
import io.micronaut.http.MediaType;
import io.micronaut.web.router.Router;
import java.util.List;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The pages' stylesheet and logo are static resources that the pages' CSP allows, cacheable, open to anyone. */
@MicronautTest
class PageAssetsIT extends ServiceTest {
    @Inject
    ApplicationContext context;

    @Test
    void pagesWhenRenderedThenTheViewsFilterCoversExactlyThePageRoutes() {
        assertThat(context.getBeansOfType(ViewsFilter.class)).singleElement().isInstanceOf(PagesViewsFilter.class);
        List<String> pages = context.getBean(Router.class).uriRoutes()
                .filter(route -> route.getProduces().contains(MediaType.TEXT_HTML_TYPE)
                        || route.getProduces().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML)))
                .map(route -> route.getUriMatchTemplate().toPathString().replaceAll("\\{[^}]*}", "x")).distinct().toList();
        assertThat(pages).contains("/login", "/oauth2/authorize", "/api/v2/mcp/servers/x/oauth2/callback");
        for (String page : pages) {
            assertThat(PagesViewsFilter.rendersPages(page)).as(page).isTrue();
        }
        List<String> machine = context.getBean(Router.class).uriRoutes()
                .filter(route -> !route.getProduces().isEmpty() && route.getProduces().stream()
                        .noneMatch(type -> type.getName().equals(MediaType.TEXT_HTML) || type.getName().equals(MediaType.ALL)))
                .map(route -> route.getUriMatchTemplate().toPathString().replaceAll("\\{[^}]*}", "x")).distinct()
                .filter(path -> !pages.contains(path)).toList();
        assertThat(machine).contains("/api/v2/users/me", "/oauth2/token", "/healthz");
        for (String path : machine) {
            assertThat(PagesViewsFilter.rendersPages(path)).as(path).isFalse();
        }
        assertThat(PagesViewsFilter.rendersPages("/mcp/x")).isFalse();
        assertThat(PagesViewsFilter.rendersPages("/accounts")).isFalse();
        assertThat(PagesViewsFilter.rendersPages("/api/v2/mcp/servers/x/oauth2/connect")).isTrue();
        assertThat(PagesViewsFilter.rendersPages("/api/v2/mcp/servers/x/y/oauth2/connect")).isFalse();
        assertThat(PagesViewsFilter.rendersPages("/api/v2/mcp/servers/x/oauth2/tokens")).isFalse();
        assertThat(get("/setup").body()).contains("<form");
    }

    @Test
    void pageWhenRenderedThenUsesAssetsThatItsPolicyAllows() {
        HttpResponse<String> page = get("/setup");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html;charset=utf-8");
        assertThat(page.body()).contains("<link rel=\"stylesheet\" href=\"/assets/portcullis.css\">")
                .contains("src=\"/assets/logo.svg\"").doesNotContain("<style");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("style-src 'self';")
                .contains("img-src 'self' ").doesNotContain("unsafe-inline");
    }

    @Test
    void assetWhenFetchedWithoutCredentialsThenServedWithTypeAndLongCache() {
        HttpResponse<String> css = get("/assets/portcullis.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("content-type").orElse("")).startsWith("text/css");
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=86400");
        assertThat(css.body()).contains(".card");
        HttpResponse<String> logo = get("/assets/logo.svg");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("content-type").orElse("")).startsWith("image/svg+xml");
        assertThat(get("/assets/nothing-here.css").statusCode()).isEqualTo(404);
    }
}
