package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.Result;

/** The token endpoint (RFC 6749 §3.2): client authentication and the two grants Portcullis supports. */
public interface IssueTokensUseCase {
    /** RFC 6749 §2.3 / §3.2.1: confidential clients prove their secret; public clients send their id only. */
    Result<OAuthClient, OAuthError> authenticateClient(ClientCredentials credentials);

    /** RFC 6749 §4.1.3 with RFC 7636 §4.6 and RFC 8707 §2.2. */
    Result<TokenResponse, OAuthError> exchangeCode(OAuthClient client, ExchangeCodeCommand command);

    /** RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2). */
    Result<TokenResponse, OAuthError> refresh(OAuthClient client, RefreshCommand command);

    record ExchangeCodeCommand(String code, String codeVerifier, String redirectUri, String resource) {
        @Override
        public String toString() {
            return "ExchangeCodeCommand[redirectUri=" + redirectUri + ", resource=" + resource + "]";
        }
    }

    record RefreshCommand(String refreshToken, String scope, String resource) {
        @Override
        public String toString() {
            return "RefreshCommand[scope=" + scope + ", resource=" + resource + "]";
        }
    }
}
