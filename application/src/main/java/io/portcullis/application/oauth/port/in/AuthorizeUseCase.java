package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.shared.ClientAddress;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.util.Optional;
import java.util.UUID;

/** The authorization endpoint (RFC 6749 §4.1.1–4.1.2): validates a request and, once approved, issues a code. */
public interface AuthorizeUseCase {
    Result<ValidatedAuthorization, AuthorizeRefusal> validate(AuthorizationRequest request);

    /**
     * The user allowed the request (consent): issues a single-use code and records {@code oauth2.consent.allow};
     * returns the code's plaintext. {@code from} is the request's client address (null without a request).
     */
    String approve(ValidatedAuthorization authorization, UUID userId, ClientAddress from);

    default String approve(ValidatedAuthorization authorization, UUID userId) {
        return approve(authorization, userId, null);
    }

    /** The user denied the request: records {@code oauth2.consent.deny}; the caller answers {@code access_denied}. */
    void deny(ValidatedAuthorization authorization, UUID userId, ClientAddress from);

    /** Raw parameters; {@code repeatedParameter} names one sent more than once. */
    record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
            String resource, String codeChallenge, String codeChallengeMethod, Optional<String> repeatedParameter) {
    }

    /** A request fit to show on the consent page. {@code redirectUri} is where the answer goes. */
    record ValidatedAuthorization(OAuthClient client, String redirectUri, boolean redirectUriSent, ScopeSet scope,
            ResourceUri resource, boolean resourceSent, PkceChallenge challenge, String state) {
    }

    /** Why a request was refused, and therefore how the refusal may be delivered. */
    sealed interface AuthorizeRefusal {
        /** Client or redirect URI not trusted: show an error page, never redirect (RFC 6749 §4.1.2.1). */
        record Untrusted(String message) implements AuthorizeRefusal {
        }

        /** Client and redirect URI trusted: redirect with the error, state and iss. */
        record ToClient(String redirectUri, OAuthError error, String state) implements AuthorizeRefusal {
        }
    }
}
