package io.portcullis.adapters.http.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.portcullis.application.oauth.port.in.AuthenticateClientUseCase;
import io.portcullis.application.oauth.port.in.ClientCredentialsGrantUseCase;
import io.portcullis.application.oauth.port.in.RevokeResourceAccessTokenUseCase;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeUseCase;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenUseCase;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.application.oauth.port.in.RevokeTokenUseCase;
import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The token endpoint (RFC 6749 §3.2) and the revocation endpoint (RFC 7009 §2). The form is read once into a
 * {@link TokenEndpointRequest}, the client authenticated, and the request handed to the handler of its grant type.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class TokenController {
    private final AuthenticateClientUseCase clientAuthentication;
    private final RevokeTokenUseCase revocation;
    private final RevokeResourceAccessTokenUseCase resourceTokenRevocation;
    private final Map<String, GrantHandler> grants;
    private final ClientAddressResolver clientAddresses;

    public TokenController(AuthenticateClientUseCase clientAuthentication, ExchangeAuthorizationCodeUseCase codeGrant,
            RefreshAccessTokenUseCase refreshGrant, ClientCredentialsGrantUseCase clientCredentialsGrant,
            RevokeTokenUseCase revocation, RevokeResourceAccessTokenUseCase resourceTokenRevocation,
            ClientAddressResolver clientAddresses) {
        this.clientAddresses = clientAddresses;
        this.clientAuthentication = clientAuthentication;
        this.revocation = revocation;
        this.resourceTokenRevocation = resourceTokenRevocation;
        this.grants = Map.of(
                "authorization_code", (client, r, from) -> command(() -> new ExchangeAuthorizationCodeCommand(client, r.code(),
                        r.codeVerifier(), r.redirectUri(), r.resource(), from)).flatMap(codeGrant::exchange),
                "refresh_token", (client, r, from) -> command(() -> new RefreshAccessTokenCommand(client, r.refreshToken(),
                        r.scope(), r.resource(), from)).flatMap(refreshGrant::refresh),
                "client_credentials", (client, r, from) -> clientCredentialsGrant.grant(client, r.scope(), r.resource(), from));
    }

    /** Turns a token request of one grant type into tokens or a refusal. */
    @FunctionalInterface
    interface GrantHandler {
        Result<TokenResponse, OAuthError> handle(OAuthClient client, TokenEndpointRequest request, ClientAddress from);
    }

    @Post(value = "/token", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> token(HttpRequest<?> request, @Nullable @Body String body) {
        boolean basic = ClientAuthentication.basicUsed(request);
        Result<TokenResponse, OAuthError> result = TokenEndpointRequest.read(request, body).flatMap(r ->
                clientAuthentication.authenticate(r.credentials()).flatMap(client -> grant(client, r,
                        clientAddresses.resolve(request))));
        if (!result.isOk()) {
            return OAuthResponses.error(result.error(), basic);
        }
        TokenResponse t = result.value();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", t.accessToken());
        json.put("token_type", "Bearer");
        json.put("expires_in", t.expiresIn());
        if (t.refreshToken() != null) {
            json.put("refresh_token", t.refreshToken());
        }
        json.put("scope", t.scope());
        return OAuthResponses.noStore(HttpResponse.ok(json));
    }

    private Result<TokenResponse, OAuthError> grant(OAuthClient client, TokenEndpointRequest request, ClientAddress from) {
        if (request.grantType() == null) {
            return Result.err(new OAuthError.InvalidRequest("grant_type is required"));
        }
        GrantHandler handler = grants.get(request.grantType());
        if (handler == null) {
            return Result.err(new OAuthError.UnsupportedGrantType("grant_type must be authorization_code, refresh_token or client_credentials"));
        }
        return handler.handle(client, request, from);
    }

    /** A command whose constructor refuses a missing or malformed parameter, as {@code invalid_request}. */
    private static <C> Result<C, OAuthError> command(Supplier<C> constructor) {
        try {
            return Result.ok(constructor.get());
        } catch (DomainValidationException e) {
            return Result.err(new OAuthError.InvalidRequest(e.getMessage()));
        }
    }

    @Post(value = "/revoke", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        boolean basic = ClientAuthentication.basicUsed(request);
        Result<TokenEndpointRequest, OAuthError> read = TokenEndpointRequest.read(request, body);
        Result<OAuthClient, OAuthError> client = read.flatMap(r -> clientAuthentication.authenticate(r.credentials()));
        if (!client.isOk()) {
            return OAuthResponses.error(client.error(), basic);
        }
        if (read.value().token() == null) {
            return OAuthResponses.error(new OAuthError.InvalidRequest("token is required"), basic);
        }
        if (!resourceTokenRevocation.revoke(client.value(), read.value().token())) {
            revocation.revoke(client.value(), read.value().token(), read.value().tokenTypeHint(),
                    clientAddresses.resolve(request));
        }
        MutableHttpResponse<Object> ok = HttpResponse.ok();
        return OAuthResponses.noStore(ok);
    }
}
