package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.bootstrap.support.ServiceTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Portcullis route declares who may call it — {@code @Secured(isAnonymous())}, {@code @Secured(isAuthenticated())}
 * or {@code @RequiresScope} — and Micronaut Security adds no route and no answer of its own; Micronaut's management
 * endpoints keep their own sensitivity check.
 */
@MicronautTest
class RouteSecurityIT extends ServiceTest {
    @Inject
    Router router;

    @Test
    void routesWhenListedThenEachDeclaresItsRule() {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes().toList();
        assertThat(routes).isNotEmpty();
        List<String> undeclared = new java.util.ArrayList<>();
        for (UriRouteInfo<?, ?> route : routes) {
            AnnotationMetadata declared = route.getAnnotationMetadata();
            String name = route.getHttpMethodName() + " " + route.getUriMatchTemplate() + " " + route.getDeclaringType().getName()
                    + " " + declared.stringValue(RequiresScope.class).orElse(String.join(",", declared.stringValues(Secured.class)));
            boolean management = route.getDeclaringType().getName().startsWith("io.micronaut.");
            if (!management && !(declared.hasAnnotation(Secured.class) || declared.hasAnnotation(RequiresScope.class))) {
                undeclared.add(name);
            }
        }
        assertThat(undeclared).isEmpty();
    }

    @Test
    void securityEndpointsWhenRequestedThenAbsent() {
        for (String path : List.of("/token_info", "/oauth/access_token", "/logout")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(404, 405);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
        }
    }

    @Inject
    io.micronaut.context.ApplicationContext context;

    @Test
    void securityFilterWhenRouteOnlyAnonymousThenPassedOnElseFullyDecided() {
        assertThat(context.getBeansOfType(io.micronaut.security.filters.SecurityFilter.class)).singleElement()
                .isInstanceOf(io.portcullis.adapters.http.security.AnonymousRoutesSecurityFilter.class);
        assertThat(get("/oauth2/token", "Authorization", "Bearer not-a-key").statusCode()).isEqualTo(405);
        assertThat(get("/api/v2/users/me", "Authorization", "Bearer not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void managementEndpointsWhenRequestedThenNotFoundWithoutChallenge() {
        HttpResponse<String> sensitive = get("/threaddump", "Authorization", "Bearer not-a-key");
        assertThat(sensitive.statusCode()).isEqualTo(404);
        assertThat(sensitive.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get("/health").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathWhenNoCredentialThenNotFoundWithoutChallenge() {
        HttpResponse<String> r = get("/api/v2/no-such-thing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void gatewayWhenRefusedThenChallengeNamesPathResourceAndCorsExposesIt() {
        HttpResponse<String> r = get("/mcp/not-published", "Origin", "https://inspector.example");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).isEqualTo("Bearer realm=\"portcullis\", "
                + "scope=\"mcp_gateway:use\", "
                + "resource_metadata=\"http://portcullis.test/.well-known/oauth-protected-resource/mcp/not-published\"");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("WWW-Authenticate");
    }

    @Test
    void anonymousRoutesWhenBadCredentialSentThenNotRefused() {
        assertThat(get("/healthz", "Authorization", "Bearer not-a-key").statusCode()).isEqualTo(200);
        assertThat(get("/.well-known/oauth-protected-resource", "Authorization", "Bearer not-a-key").statusCode())
                .isEqualTo(200);
    }

    @Test
    void logoutWhenNoCredentialThenBareChallenge() {
        HttpResponse<String> r = postJson("/api/v2/users/logout", "");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).isEqualTo("Bearer realm=\"portcullis\", "
                + "resource_metadata=\"http://portcullis.test/.well-known/oauth-protected-resource\"");
    }
}
