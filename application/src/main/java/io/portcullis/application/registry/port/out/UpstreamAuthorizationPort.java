package io.portcullis.application.registry.port.out;

import io.portcullis.domain.registry.RegistryError.UpstreamFailure;
import io.portcullis.domain.shared.Result;
import java.util.Optional;

/**
 * Portcullis as an OAuth client of an upstream MCP server's authorization server: discovery (RFC 9728,
 * RFC 8414, OIDC), registration (RFC 7591), code exchange, refresh and revocation (RFC 7009).
 * Failures say whether the upstream could not be reached or answered unusably, with short, truncated reasons.
 */
public interface UpstreamAuthorizationPort {
    /**
     * Discovery as MCP 2026-07-28 orders it (RFC 9728 from the 401's {@code resource_metadata}, then path-insert, then
     * root; then RFC 8414 / OIDC metadata whose issuer equals the expected one exactly) and registration (RFC 7591,
     * {@code application_type} web).
     */
    Result<DiscoveredClient, UpstreamFailure> discoverAndRegister(String serverUrl, String callbackUrl);

    /** The unauthenticated probe and the protected resource metadata only: which issuer, and which scopes to ask for. */
    Result<ResourceDiscovery, UpstreamFailure> discoverResource(String serverUrl);
    /** Discovery only (RFC 9728 then RFC 8414 / OIDC), registering nothing: what a connection test shows. */
    Result<Discovery, UpstreamFailure> discover(String serverUrl);

    /** What discovery found; {@code registrationUrl} and {@code scopes} may be empty. */
    record Discovery(String resource, String issuer, String authorizationUrl, String tokenUrl, String registrationUrl,
            String scopes) {
    }

    Result<Tokens, UpstreamFailure> exchangeCode(Endpoint endpoint, String code, String codeVerifier, String redirectUri, String resource);

    Result<Tokens, UpstreamFailure> refresh(Endpoint endpoint, String refreshToken, String resource);

    /** RFC 7009 revocation at {@code revocationUrl}; best effort, the caller does not depend on it. */
    Result<Void, UpstreamFailure> revoke(String revocationUrl, Endpoint endpoint, String token, String tokenTypeHint);

    /**
     * The upstream client: where to send the user, where to exchange, and how to authenticate; the issuer it is
     * registered with and whether that issuer's metadata promises {@code iss} in authorization responses (RFC 9207).
     */
    record DiscoveredClient(String authorizationUrl, String tokenUrl, String clientId, Optional<String> clientSecret,
            String scopes, String resource, String revocationUrl, String issuer, boolean issParameterSupported) {
        public DiscoveredClient(String authorizationUrl, String tokenUrl, String clientId, Optional<String> clientSecret,
                String scopes, String resource, String revocationUrl) {
            this(authorizationUrl, tokenUrl, clientId, clientSecret, scopes, resource, revocationUrl, "", false);
        }

        @Override
        public String toString() {
            return "DiscoveredClient[" + authorizationUrl + ", " + tokenUrl + ", " + clientId + "]";
        }
    }

    /**
     * What an upstream MCP server says about itself: the authorization server it names first ({@code issuer}), the
     * {@code scope} of its 401 challenge, and the {@code scopes_supported} of its protected resource metadata.
     */
    record ResourceDiscovery(String issuer, Optional<String> challengeScope, Optional<String> scopesSupported) {
    }

    /** A token endpoint and the client credentials to use there. */
    record Endpoint(String tokenUrl, String clientId, Optional<String> clientSecret) {
        @Override
        public String toString() {
            return "Endpoint[" + tokenUrl + ", " + clientId + "]";
        }
    }

    /** An upstream token response; {@code expiresInSeconds} may be absent. */
    record Tokens(String accessToken, Optional<String> refreshToken, String tokenType, Optional<Long> expiresInSeconds) {
        @Override
        public String toString() {
            return "Tokens[" + tokenType + "]";
        }
    }
}
