package io.portcullis.application.identity.port.in;

import io.portcullis.domain.identity.AuthenticationFailure;
import io.portcullis.domain.shared.ResourceUri;
import io.portcullis.domain.shared.Result;

/**
 * Authenticates the credential a request presented for a protected resource (RFC 6750): verifies
 * the key, its owner, expiry and — for OAuth access tokens — the audience (RFC 8707).
 */
public interface AuthenticateRequestUseCase {
    /** {@code presented} is null when the request carried no credential at all. */
    Result<Principal, AuthenticationFailure> authenticate(String presented, ResourceUri requestedResource);
}
