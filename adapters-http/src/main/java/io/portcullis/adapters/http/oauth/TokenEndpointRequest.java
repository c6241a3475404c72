package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpRequest;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;
import java.util.Optional;

/**
 * A request to the token (RFC 6749 §3.2) or revocation (RFC 7009 §2.1) endpoint, read once from the wire:
 * the body must be form-encoded without repeated parameters, and the client credentials are merged from
 * {@code Authorization: Basic} and the body. Empty parameters count as absent (null).
 */
record TokenEndpointRequest(ClientCredentials credentials, String grantType, String code, String codeVerifier,
        String redirectUri, String resource, String refreshToken, String scope, String token, String tokenTypeHint) {

    static Result<TokenEndpointRequest, OAuthError> read(HttpRequest<?> request, String body) {
        Optional<FormBody> parsed = FormBody.parse(body);
        if (parsed.isEmpty()) {
            return Result.err(new OAuthError.InvalidRequest("the body is not valid application/x-www-form-urlencoded"));
        }
        FormBody form = parsed.get();
        Optional<String> repeated = form.repeated();
        if (repeated.isPresent()) {
            return Result.err(new OAuthError.InvalidRequest("parameter " + repeated.get() + " must not be repeated"));
        }
        return ClientAuthentication.read(request, form).map(credentials -> new TokenEndpointRequest(credentials,
                value(form, "grant_type"), value(form, "code"), value(form, "code_verifier"), value(form, "redirect_uri"),
                value(form, "resource"), value(form, "refresh_token"), value(form, "scope"), value(form, "token"),
                value(form, "token_type_hint")));
    }

    private static String value(FormBody form, String name) {
        return form.single(name).orElse(null);
    }

    @Override
    public String toString() {
        return "TokenEndpointRequest[" + credentials + ", grantType=" + grantType + ", redirectUri=" + redirectUri
                + ", resource=" + resource + ", scope=" + scope + ", tokenTypeHint=" + tokenTypeHint + "]";
    }
}
