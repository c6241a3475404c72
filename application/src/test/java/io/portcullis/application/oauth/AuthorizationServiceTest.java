package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizationRequest;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.AuthorizeRefusal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthErrorCode;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.Result;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Authorization requests, including clients identified by a metadata document. */
class AuthorizationServiceTest extends OAuthServiceTestBase {
    @Test
    void authorizeWhenClientOrRedirectUntrustedThenNeverRedirect() {
        AuthorizationRequest unknown = new AuthorizationRequest("code", "8d3c1ef0-0000-4000-8000-000000000000",
                "https://app.example/cb", null, "s", null, PkceChallenge.s256Of(VERIFIER).value(), null, Optional.empty());
        assertThat(authorize.validate(unknown).error()).isInstanceOf(AuthorizeRefusal.Untrusted.class);
        assertThat(authorize.validate(request(confidential.client(), "https://app.example/cb/extra", null, null)).error())
                .isInstanceOf(AuthorizeRefusal.Untrusted.class);
        assertThat(authorize.validate(request(confidential.client(), "https://app.example/CB", null, null)).error())
                .isInstanceOf(AuthorizeRefusal.Untrusted.class);
    }

    @Test
    void authorizeWhenTrustedButInvalidThenErrorGoesToClientWithState() {
        AuthorizationRequest plain = new AuthorizationRequest("code", confidential.client().id().toString(), null, null, "s1",
                null, PkceChallenge.s256Of(VERIFIER).value(), "plain", Optional.empty());
        AuthorizeRefusal.ToClient refusal = (AuthorizeRefusal.ToClient) authorize.validate(plain).error();
        assertThat(refusal.redirectUri()).isEqualTo("https://app.example/cb");
        assertThat(refusal.state()).isEqualTo("s1");
        assertThat(refusal.error().code()).isEqualTo(OAuthErrorCode.INVALID_REQUEST);
        AuthorizationRequest noPkce = new AuthorizationRequest("code", confidential.client().id().toString(), null, null, "s2",
                null, null, null, Optional.empty());
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(noPkce).error()).error().description()).contains("code_challenge");
        AuthorizationRequest token = new AuthorizationRequest("token", confidential.client().id().toString(), null, null, "s3",
                null, PkceChallenge.s256Of(VERIFIER).value(), null, Optional.empty());
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(token).error()).error().code())
                .isEqualTo(OAuthErrorCode.UNSUPPORTED_RESPONSE_TYPE);
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(request(confidential.client(), null, null,
                "https://elsewhere.example/mcp")).error()).error().code()).isEqualTo(OAuthErrorCode.INVALID_TARGET);
        assertThat(((AuthorizeRefusal.ToClient) authorize.validate(request(confidential.client(), null, "user:fly", null))
                .error()).error().code()).isEqualTo(OAuthErrorCode.INVALID_SCOPE);
    }

    @Test
    void authorizeWhenLoopbackRedirectOnAnotherPortThenAccepted() {
        ValidatedAuthorization v = authorize.validate(request(publicClient.client(), "http://127.0.0.1:49152/callback", null,
                null)).value();
        assertThat(v.redirectUri()).isEqualTo("http://127.0.0.1:49152/callback");
        assertThat(authorize.validate(request(publicClient.client(), "http://127.0.0.1:49152/other", null, null)).isOk()).isFalse();
    }

    private static final String DOC = "https://agent.example/oauth/client.json";

    private static ClientMetadataDocumentPort.Document document(String clientId, String method, boolean secret) {
        return new ClientMetadataDocumentPort.Document(clientId, new ClientMetadata.Raw("Doc Agent",
                List.of("http://127.0.0.1:4000/cb"), method, null, null, null, null, null, null, null, null, null, null, null), secret);
    }

    private AuthorizationRequest documentRequest(String clientId) {
        return new AuthorizationRequest("code", clientId, "http://127.0.0.1:4555/cb", null, "s", null,
                PkceChallenge.s256Of(VERIFIER).value(), "S256", Optional.empty());
    }

    @Test
    void authorizeWhenClientIdIsMetadataDocumentUrlThenFetchedCachedAndUsableAtTokenEndpoint() {
        documents.put(DOC, Result.ok(document(DOC, null, false)));
        ValidatedAuthorization v = authorize.validate(documentRequest(DOC)).value();
        assertThat(v.client().clientId()).isEqualTo(DOC);
        assertThat(v.client().clientType()).isEqualTo(io.portcullis.domain.oauth.ClientType.PUBLIC);
        authorize.validate(documentRequest(DOC)).value();
        assertThat(fetches).hasSize(1);
        String code = authorize.approve(v, alice.id());
        OAuthClient client = clientAuthentication.authenticate(new ClientCredentials(DOC, null, false)).value();
        assertThat(exchange.exchange(new ExchangeAuthorizationCodeCommand(client, code, VERIFIER, "http://127.0.0.1:4555/cb", null)).isOk())
                .isTrue();
        clock.advance(Duration.ofMinutes(6));
        authorize.validate(documentRequest(DOC)).value();
        assertThat(fetches).hasSize(2);
    }

    @Test
    void authorizeWhenMetadataDocumentWrongThenUntrustedNeverRedirect() {
        documents.put(DOC, Result.ok(document("https://other.example/client.json", null, false)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message())
                .contains("different client_id");
        documents.put(DOC, Result.ok(document(DOC, "client_secret_basic", false)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("public");
        documents.put(DOC, Result.ok(document(DOC, null, true)));
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("secret");
        documents.remove(DOC);
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest(DOC)).error()).message()).contains("404");
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest("http://agent.example/c.json")).error())
                .message()).contains("https");
        assertThat(((AuthorizeRefusal.Untrusted) authorize.validate(documentRequest("https://agent.example/")).error())
                .message()).contains("path");
        assertThat(fetches).hasSize(4);
    }
}
