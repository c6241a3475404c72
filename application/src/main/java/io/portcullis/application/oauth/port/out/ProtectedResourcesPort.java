package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.shared.ResourceUri;

/** Which resource indicators (RFC 8707) name a protected resource this server actually serves. */
public interface ProtectedResourcesPort {
    boolean isProtectedResource(ResourceUri resource);
}
