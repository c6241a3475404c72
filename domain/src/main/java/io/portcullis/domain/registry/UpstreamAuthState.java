package io.portcullis.domain.registry;

import io.portcullis.domain.shared.SecretDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A pending connect of one user to one upstream server: the state (stored as its digest) binds the callback
 * to them, and the PKCE verifier waits for the code. Single use, ten minutes. {@code expectedIssuer} is the issuer
 * recorded from the validated authorization server metadata (empty when the client was configured by hand),
 * {@code issRequired} whether that metadata promised {@code iss} in the response (RFC 9207 §2.4), and {@code scope}
 * what was asked for.
 */
public record UpstreamAuthState(SecretDigest stateDigest, UUID serverId, UUID userId, String codeVerifier,
        Instant expiresAt, String expectedIssuer, boolean issRequired, String scope) {

    /** A state with no recorded issuer and no scope. */
    public UpstreamAuthState(SecretDigest stateDigest, UUID serverId, UUID userId, String codeVerifier, Instant expiresAt) {
        this(stateDigest, serverId, userId, codeVerifier, expiresAt, "", false, "");
    }

    /**
     * RFC 9207 §2.4 as MCP 2026-07-28 applies it: an {@code iss} that is present must equal the recorded issuer by
     * simple string comparison; an absent one is refused when the metadata promised it. Empty when acceptable.
     */
    public Optional<String> issuerProblem(String iss) {
        if (iss == null) {
            return issRequired ? Optional.of("the authorization server promised an iss parameter (RFC 9207) but the"
                    + " response carries none") : Optional.empty();
        }
        if (!expectedIssuer.isEmpty() && !expectedIssuer.equals(iss)) {
            return Optional.of("the response comes from issuer '" + cut(iss) + "', not from '" + expectedIssuer
                    + "' where this authorization started (RFC 9207 mix-up protection)");
        }
        return Optional.empty();
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public String toString() {
        return "UpstreamAuthState[" + serverId + ", " + userId + "]";
    }
}
