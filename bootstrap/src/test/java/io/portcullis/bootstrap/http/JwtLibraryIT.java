package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.handlers.LoginHandler;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.adapters.http.security.CredentialAuthenticationFetcher;
import io.portcullis.bootstrap.support.OAuthFlows;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * micronaut-security-jwt signs the access tokens and serves the JWK Set, and nothing else: it adds no token reader,
 * validator, login handler or authentication fetcher, so a Portcullis JWT presented to Portcullis's own API is refused
 * exactly as any other unknown credential, and its default {@code /keys} route is not there.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtLibraryIT extends OAuthFlows {
    private static final String FILES = "https://jwt-library.example/mcp";
    @Inject
    ApplicationContext context;
    private String jwt;

    @BeforeAll
    void issue() {
        String owner = ownerSession();
        HttpResponse<String> created = postJson("/api/v2/oauth2-provider/resources", "{\"resource\":\"" + FILES
                + "\",\"display_name\":\"Files\",\"scopes\":[\"files:read\"]}", "Authorization", "Bearer " + owner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String job = register("{\"client_name\":\"Job\",\"grant_types\":[\"client_credentials\"]}");
        String basic = "Basic " + Base64.getEncoder().encodeToString((enc(field(job, "client_id")) + ":"
                + enc(field(job, "client_secret"))).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = token(Map.of("grant_type", "client_credentials", "resource", FILES), "Authorization", basic);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        jwt = field(r.body(), "access_token");
    }

    @Test
    void contextWhenJwtLibraryPresentThenOurFetcherAloneAuthenticates() {
        // the same fetchers as without micronaut-security-jwt: ours, and micronaut-security's token fetcher, which
        // finds no token (no reader) and could validate none (no validator)
        assertThat(context.getBeansOfType(AuthenticationFetcher.class)).extracting(Object::getClass)
                .containsExactlyInAnyOrder(CredentialAuthenticationFetcher.class, TokenAuthenticationFetcher.class);
        assertThat(context.getBeansOfType(TokenValidator.class)).isEmpty();
        assertThat(context.getBeansOfType(TokenReader.class)).isEmpty();
        assertThat(context.getBeansOfType(LoginHandler.class)).isEmpty();
        // so a @RequiresScope credential known from memory is decided on the calling thread, not through the pipeline
        assertThat(context.getBean(io.portcullis.adapters.http.security.AnonymousRoutesSecurityFilter.class).decidesScopesInMemory())
                .as("the in-memory short cut for @RequiresScope routes is in use").isTrue();
    }

    @Test
    void apiWhenPresentedOurOwnJwtThenRefusedLikeAnyUnknownCredential() {
        HttpResponse<String> unknown = get("/api/v2/users/me", "Authorization", "Bearer not-a-key");
        for (HttpResponse<String> r : new HttpResponse[] {get("/api/v2/users/me", "Authorization", "Bearer " + jwt),
                get("/api/v2/users/me?access_token=" + jwt)}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isEqualTo(unknown.headers().firstValue("WWW-Authenticate"));
            assertThat(r.body()).isEqualTo(unknown.body());
        }
        // micronaut-security's JWT cookie name is not a credential here: a bare challenge, as with no cookie at all
        HttpResponse<String> none = get("/api/v2/users/me");
        HttpResponse<String> cookie = get("/api/v2/users/me", "Cookie", "JWT=" + jwt);
        assertThat(cookie.statusCode()).isEqualTo(401);
        assertThat(cookie.headers().firstValue("WWW-Authenticate")).isEqualTo(none.headers().firstValue("WWW-Authenticate"));
        assertThat(cookie.body()).isEqualTo(none.body());
    }

    @Test
    void jwksWhenFetchedThenTheLibrarysKeySetCacheableAndPublicOnly() throws Exception {
        HttpResponse<String> r = get("/.well-known/jwks.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        JWKSet keys = JWKSet.parse(r.body());
        assertThat(keys.getKeyByKeyId(SignedJWT.parse(jwt).getHeader().getKeyID())).isNotNull();
        assertThat(keys.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(r.body()).doesNotContain("\"d\"");
        assertThat(get("/keys").statusCode()).isEqualTo(404);
    }
}
