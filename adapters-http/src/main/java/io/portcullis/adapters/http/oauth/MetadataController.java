package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.oauth.OAuthPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Authorization Server Metadata (RFC 8414 §2). */
@Controller("/.well-known/oauth-authorization-server")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class MetadataController {
    private final Map<String, Object> metadata;

    public MetadataController(ServerUrls urls, OAuthPolicy policy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", urls.issuer());
        m.put("authorization_endpoint", urls.url("/oauth2/authorize"));
        m.put("token_endpoint", urls.url("/oauth2/token"));
        m.put("revocation_endpoint", urls.url("/oauth2/revoke"));
        m.put("introspection_endpoint", urls.url("/oauth2/introspect"));
        m.put("jwks_uri", urls.url("/.well-known/jwks.json"));
        if (policy.dynamicRegistration()) {
            m.put("registration_endpoint", urls.url("/oauth2/register"));
        }
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("scopes_supported", Scope.catalog());
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("client_id_metadata_document_supported", true);
        m.put("service_documentation", urls.url("/"));
        this.metadata = java.util.Collections.unmodifiableMap(m);
    }

    @Get
    HttpResponse<Map<String, Object>> metadata() {
        return HttpResponse.<Map<String, Object>>ok(metadata).header("Cache-Control", "public, max-age=300");
    }
}
