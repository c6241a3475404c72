package io.portcullis.adapters.http.oauth;

import io.micronaut.core.annotation.Nullable;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.oauth.RegisteredResource;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * View model of {@code consent.jte} (RFC 6749 §4.1.1): which app asks, for whom, what it may do, which resource it
 * reaches, where the browser goes next, and the request parameters the decision form sends back.
 *
 * @param portcullisApi the resource is this server's REST API
 * @param resourceName  the MCP server published at the resource, when there is one
 * @param documentUrl   the client's metadata document URL, for clients identified by one
 * @param loopback      the redirect goes to an app on the user's own computer (RFC 8252 §7.3)
 */
public record ConsentPage(String csrfToken, String appName, String username, String email, List<Permission> permissions,
        boolean portcullisApi, @Nullable String resourceName, String resourceUrl, String redirectHost,
        @Nullable String documentUrl, boolean loopback, List<Field> fields) {

    /** One granted scope, in words and as requested. */
    public record Permission(String description, String scope) {
    }

    /** A hidden form field. */
    public record Field(String name, String value) {
    }

    static ConsentPage of(ValidatedAuthorization a, Principal principal, String csrfToken, List<Field> echoed,
            boolean portcullisApi, @Nullable String resourceName) {
        return of(a, principal, csrfToken, echoed, portcullisApi, resourceName, Optional.empty());
    }

    /** For a registered resource (PRODUCT §7): its name, and its scopes in its own words. */
    static ConsentPage of(ValidatedAuthorization a, Principal principal, String csrfToken, List<Field> echoed,
            boolean portcullisApi, @Nullable String resourceName, Optional<RegisteredResource> registered) {
        return new ConsentPage(csrfToken, a.client().metadata().displayName(), principal.user().username().value(),
                principal.user().email().value(),
                a.scope().values().stream().map(s -> new Permission(registered.map(r -> r.describe(s)).orElseGet(() -> describe(s)),
                        s)).toList(), portcullisApi,
                portcullisApi ? null : registered.map(RegisteredResource::displayName).orElse(resourceName), a.resource().value(), hostOf(a.redirectUri()),
                a.client().document().map(d -> d.url()).orElse(null), loopback(a.redirectUri()), echoed);
    }

    private static boolean loopback(String redirectUri) {
        String host = URI.create(redirectUri).getHost();
        return host != null && (host.equals("127.0.0.1") || host.equals("[::1]") || host.equalsIgnoreCase("localhost"));
    }

    private static String hostOf(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getHost() == null) {
            return uri.getScheme() + ": (an app on this device)";
        }
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    static String describe(String scope) {
        if (scope.equals("all")) {
            return "Do everything you can do in Portcullis";
        }
        Scope s = new Scope(scope);
        if (!s.isKnown()) {
            return scope;
        }
        String noun = switch (s.resource()) {
            case "user" -> "your user account";
            case "api_key" -> "your API keys";
            case "oauth2_app" -> "OAuth2 applications";
            case "mcp_server" -> "MCP servers";
            default -> "the MCP gateway";
        };
        String verb = switch (s.action()) {
            case "read" -> "Read";
            case "create" -> "Create";
            case "update" -> "Change";
            case "delete" -> "Delete";
            case "use" -> "Use";
            default -> "Fully manage";
        };
        return verb + " " + noun;
    }
}
