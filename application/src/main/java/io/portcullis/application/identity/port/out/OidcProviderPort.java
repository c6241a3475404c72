package io.portcullis.application.identity.port.out;

import io.portcullis.domain.identity.OidcIdentity;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSignInError.ProviderFailed;
import io.portcullis.domain.shared.Result;
import java.util.Optional;

/**
 * Portcullis as a relying party of an OpenID provider: discovery from the issuer (the document's {@code issuer} must
 * equal it exactly), the authorization request (code, PKCE S256, state, nonce), the code exchange with the ID token
 * checked (signature through the provider's JWKS, {@code iss}, {@code aud}, {@code exp}, {@code nonce}) and claims
 * completed from userinfo, and refresh.
 */
public interface OidcProviderPort {
    Result<String, ProviderFailed> authorizationUrl(OidcProvider provider, String redirectUri, String state, String nonce,
            String codeChallenge);

    Result<SignIn, ProviderFailed> exchange(OidcProvider provider, String code, String codeVerifier, String redirectUri,
            String nonce);

    Result<Tokens, RefreshFailure> refresh(OidcProvider provider, String refreshToken);

    /** The provider's tokens; {@code expiresInSeconds} may be absent. */
    record Tokens(String accessToken, Optional<String> refreshToken, Optional<Long> expiresInSeconds) {
        @Override
        public String toString() {
            return "Tokens[]";
        }
    }

    /** A finished sign-in: who it is, and the tokens. */
    record SignIn(OidcIdentity identity, Tokens tokens) {
    }

    /** Why a refresh did not work: the provider refused it (the grant is gone), or it could not be asked. */
    sealed interface RefreshFailure {
        String reason();

        record Refused(String reason) implements RefreshFailure {
        }

        record Unreachable(String reason) implements RefreshFailure {
        }
    }
}
