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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.IssueTokensUseCase;
import io.portcullis.application.oauth.port.in.RevokeTokenUseCase;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The token endpoint (RFC 6749 §3.2) and the revocation endpoint (RFC 7009 §2). */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class TokenController {
    private final IssueTokensUseCase tokens;
    private final RevokeTokenUseCase revocation;

    public TokenController(IssueTokensUseCase tokens, RevokeTokenUseCase revocation) {
        this.tokens = tokens;
        this.revocation = revocation;
    }

    @Post(value = "/token", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> token(HttpRequest<?> request, @Nullable @Body String body) {
        boolean basic = ClientAuthentication.basicUsed(request);
        Result<OAuthClient, OAuthError> client = authenticated(request, body);
        if (!client.isOk()) {
            return OAuthResponses.error(client.error(), basic);
        }
        FormBody form = FormBody.parse(body).orElseThrow();
        String grantType = form.single("grant_type").orElse(null);
        Result<TokenResponse, OAuthError> result;
        if (grantType == null) {
            result = Result.err(OAuthError.invalidRequest("grant_type is required"));
        } else if (grantType.equals("authorization_code")) {
            result = tokens.exchangeCode(client.value(), new IssueTokensUseCase.ExchangeCodeCommand(form.single("code").orElse(null),
                    form.single("code_verifier").orElse(null), form.single("redirect_uri").orElse(null),
                    form.single("resource").orElse(null)));
        } else if (grantType.equals("refresh_token")) {
            result = tokens.refresh(client.value(), new IssueTokensUseCase.RefreshCommand(form.single("refresh_token").orElse(null),
                    form.single("scope").orElse(null), form.single("resource").orElse(null)));
        } else {
            result = Result.err(new OAuthError(OAuthErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "grant_type must be authorization_code or refresh_token"));
        }
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

    @Post(value = "/revoke", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Object> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        boolean basic = ClientAuthentication.basicUsed(request);
        Result<OAuthClient, OAuthError> client = authenticated(request, body);
        if (!client.isOk()) {
            return OAuthResponses.error(client.error(), basic);
        }
        FormBody form = FormBody.parse(body).orElseThrow();
        Optional<String> token = form.single("token");
        if (token.isEmpty()) {
            return OAuthResponses.error(OAuthError.invalidRequest("token is required"), basic);
        }
        revocation.revoke(client.value(), token.get(), form.single("token_type_hint").orElse(null));
        MutableHttpResponse<Object> ok = HttpResponse.ok();
        return OAuthResponses.noStore(ok);
    }

    /** Wire checks (form encoding, repeated parameters), then client authentication. */
    private Result<OAuthClient, OAuthError> authenticated(HttpRequest<?> request, String body) {
        Optional<FormBody> form = FormBody.parse(body);
        if (form.isEmpty()) {
            return Result.err(OAuthError.invalidRequest("the body is not valid application/x-www-form-urlencoded"));
        }
        Optional<String> repeated = form.get().repeated();
        if (repeated.isPresent()) {
            return Result.err(OAuthError.invalidRequest("parameter " + repeated.get() + " must not be repeated"));
        }
        Result<ClientCredentials, OAuthError> credentials = ClientAuthentication.read(request, form.get());
        return credentials.flatMap(tokens::authenticateClient);
    }
}
