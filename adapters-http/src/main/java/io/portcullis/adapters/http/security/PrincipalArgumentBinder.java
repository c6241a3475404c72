package io.portcullis.adapters.http.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.filters.SecurityFilter;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.application.identity.port.in.Principal;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds the authenticated {@link Principal} as a handler argument of protected routes, with the client address the
 * request came from ({@link ClientAddressResolver}), which audit entries record.
 */
@Singleton
public final class PrincipalArgumentBinder implements TypedRequestArgumentBinder<Principal> {
    private static final Argument<Principal> TYPE = Argument.of(Principal.class);
    private final ClientAddressResolver clientAddresses;

    public PrincipalArgumentBinder(ClientAddressResolver clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public Argument<Principal> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Principal> bind(ArgumentConversionContext<Principal> context, HttpRequest<?> source) {
        if (!source.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.unsatisfied(); // before the security filter ran: bind again after the filters
        }
        Optional<Principal> principal = principal(source);
        return principal.isPresent() ? () -> principal : BindingResult.empty();
    }

    /** The principal the security filter authenticated for this request, if any, with the request's client address. */
    public Optional<Principal> principal(HttpRequest<?> request) {
        // untyped, then checked: a typed read goes through the conversion service
        return request.getAttribute(SecurityFilter.AUTHENTICATION).orElse(null) instanceof PrincipalAuthentication authenticated
                ? Optional.of(authenticated.principal().from(clientAddresses.resolve(request))) : Optional.empty();
    }
}
