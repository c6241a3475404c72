package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;

/** Settings of the authorization server (PRODUCT §1, §4): issuer, the server's own resource, lifetimes. */
public record OAuthPolicy(String issuer, ResourceUri serverResource, Duration codeLifetime, Duration accessTokenLifetime,
        Duration refreshTokenLifetime, boolean dynamicRegistration) {
    public OAuthPolicy {
        DomainValidationException.require(!codeLifetime.isNegative() && !codeLifetime.isZero(), "oauth2.code-lifetime",
                "must be positive");
        DomainValidationException.require(!accessTokenLifetime.isNegative() && !accessTokenLifetime.isZero(),
                "oauth2.access-token-lifetime", "must be positive");
        DomainValidationException.require(refreshTokenLifetime.compareTo(accessTokenLifetime) >= 0,
                "oauth2.refresh-token-lifetime", "must not be shorter than oauth2.access-token-lifetime");
    }

    /** RFC 8707: a resource must be this server's resource or a protected resource below it. */
    public boolean acceptsResource(ResourceUri resource) {
        return serverResource.covers(resource);
    }
}
