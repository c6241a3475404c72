package io.portcullis.adapters.http.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.application.oauth.port.in.AuthenticateClientUseCase;
import io.portcullis.application.oauth.port.in.IntrospectTokenUseCase;
import io.portcullis.application.oauth.port.in.IntrospectTokenUseCase.Introspection;
import io.portcullis.domain.oauth.ClientType;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token introspection (RFC 7662 §2): the caller authenticates like at the token endpoint and must be confidential;
 * what it may learn is decided by {@link IntrospectTokenUseCase}. Anything it may not see is {@code {"active":false}}.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class IntrospectionController {
    private final AuthenticateClientUseCase clientAuthentication;
    private final IntrospectTokenUseCase introspection;

    public IntrospectionController(AuthenticateClientUseCase clientAuthentication, IntrospectTokenUseCase introspection) {
        this.clientAuthentication = clientAuthentication;
        this.introspection = introspection;
    }

    @Post(value = "/introspect", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> introspect(HttpRequest<?> request, @Nullable @Body String body) {
        boolean basic = ClientAuthentication.basicUsed(request);
        Result<TokenEndpointRequest, OAuthError> read = TokenEndpointRequest.read(request, body);
        Result<OAuthClient, OAuthError> client = read.flatMap(r -> clientAuthentication.authenticate(r.credentials()))
                .flatMap(c -> c.clientType() == ClientType.CONFIDENTIAL ? Result.ok(c)
                        : Result.err(new OAuthError.InvalidClient("introspection requires a confidential client")));
        if (!client.isOk()) {
            return OAuthResponses.error(client.error(), basic);
        }
        if (read.value().token() == null) {
            return OAuthResponses.error(new OAuthError.InvalidRequest("token is required"), basic);
        }
        Introspection i = introspection.introspect(client.value(), read.value().token());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", i.active());
        if (i.active()) {
            json.put("scope", i.scope());
            json.put("client_id", i.clientId());
            json.put("sub", i.subject());
            if (i.username() != null) {
                json.put("username", i.username());
            }
            json.put("aud", i.audience().size() == 1 ? i.audience().get(0) : i.audience());
            json.put("iat", i.issuedAt());
            json.put("exp", i.expiresAt());
            json.put("token_type", i.tokenType());
        }
        return OAuthResponses.noStore(HttpResponse.ok(json));
    }
}
