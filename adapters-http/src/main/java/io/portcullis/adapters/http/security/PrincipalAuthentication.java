package io.portcullis.adapters.http.security;

import io.micronaut.security.authentication.Authentication;
import io.portcullis.application.identity.port.in.Principal;
import java.util.Map;

/** A Micronaut {@link Authentication} carrying the typed {@link Principal} the identity context authenticated. */
public final class PrincipalAuthentication implements Authentication {
    private static final long serialVersionUID = 1L;
    private final transient Principal principal;

    public PrincipalAuthentication(Principal principal) {
        this.principal = principal;
    }

    public Principal principal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.isClient() ? "client:" + principal.clientId().map(Object::toString).orElse("?")
                : principal.user().username().value();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }
}
