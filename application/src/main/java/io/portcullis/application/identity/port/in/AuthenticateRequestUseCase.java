package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;
import java.util.Optional;

/**
 * Authenticates the credential a request presented for a protected resource (RFC 6750): verifies
 * the key, its owner, expiry and — for OAuth access tokens — the audience (RFC 8707).
 */
public interface AuthenticateRequestUseCase {
    /** {@code presented} is null when the request carried no credential at all. */
    Result<Principal, AuthenticationFailure> authenticate(String presented, ResourceUri requestedResource);

    /**
     * The same answer as {@link #authenticate} when it can be given without reading or writing the store (no
     * credential, a malformed one, or one validated recently and still servable from memory); empty otherwise. Cheap
     * enough for a thread that must not block.
     */
    Optional<Result<Principal, AuthenticationFailure>> authenticateFromMemory(String presented,
            ResourceUri requestedResource);
}
