package io.portcullis.adapters.http.security;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.portcullis.adapters.http.shared.MatchedRoute;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.shared.ResourceUri;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a matched route declares: {@link RequiresScope} (scope and protected resource) or {@link Secured}
 * with a rule other than {@link SecurityRule#IS_ANONYMOUS} make it a protected route, of the REST API unless
 * {@link RequiresScope#resource()} names another resource. Routes declaring neither are not authenticated here
 * (and Micronaut Security refuses them unless another rule allows them). Read once per route, then cached.
 */
@Singleton
public final class ProtectedRoutes {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private final Map<RouteInfo<?>, Optional<Protection>> declared = new ConcurrentHashMap<>();
    private final Map<RouteInfo<?>, Boolean> anonymous = new ConcurrentHashMap<>();
    /** The REST API's resource, parsed once: canonicalizing it on every request was ~5% of an authenticated GET. */
    private final ResourceUri api;
    /**
     * Resources of routes naming one ({@code /mcp/{slug}}), by path: parsing and canonicalizing one per request was
     * ~6% of a gateway request's CPU. At most {@link #MAX_RESOURCES}.
     */
    private final Map<String, ResourceUri> resources = new ConcurrentHashMap<>();
    private static final int MAX_RESOURCES = 1024;
    private final Map<String, ResourceTemplate> templates = new ConcurrentHashMap<>();

    public ProtectedRoutes(ServerUrls urls) {
        this.api = urls.apiResource();
    }

    /**
     * What a protected route asks for: a scope (null when any authenticated caller will do), a resource, and whether a
     * client acting for itself may call it ({@link RequiresScope#clients()}).
     */
    public record Protection(@Nullable Scope scope, String resourceTemplate, boolean clients) {
    }

    /** The matched route's protection; empty for anonymous routes and requests that match no route. */
    public Optional<Protection> of(HttpRequest<?> request) {
        RouteMatch<?> match = MatchedRoute.of(request);
        if (!(match instanceof MethodBasedRouteMatch<?, ?>)) {
            return Optional.empty();
        }
        Optional<Protection> known = declared.get(match.getRouteInfo());
        return known != null ? known : declared.computeIfAbsent(match.getRouteInfo(), route -> read(match));
    }

    /**
     * True when the matched route declares {@code @Secured(isAnonymous())} and nothing else: no rule can refuse it,
     * so the security filter has nothing to decide. Requests matching no route, or a route of Micronaut's own
     * (management endpoints), are not anonymous here.
     */
    public boolean isAnonymous(HttpRequest<?> request) {
        RouteMatch<?> match = MatchedRoute.of(request);
        if (!(match instanceof MethodBasedRouteMatch<?, ?>)) {
            return false;
        }
        Boolean known = anonymous.get(match.getRouteInfo());
        return known != null ? known : anonymous.computeIfAbsent(match.getRouteInfo(), route -> {
            AnnotationMetadata declared = match.getAnnotationMetadata();
            return !declared.hasAnnotation(RequiresScope.class)
                    && List.of(declared.stringValues(Secured.class)).equals(List.of(SecurityRule.IS_ANONYMOUS));
        });
    }

    /** The protected resource a request to this route addresses (RFC 8707 audience, RFC 9728 metadata). */
    public ResourceUri resource(HttpRequest<?> request, Protection protection) {
        if (protection.resourceTemplate().isEmpty()) {
            return api;
        }
        RouteMatch<?> match = MatchedRoute.of(request);
        Map<String, Object> variables = match == null ? Map.of() : match.getVariableValues();
        String path = templates.computeIfAbsent(protection.resourceTemplate(), ResourceTemplate::of).expand(variables);
        ResourceUri known = resources.get(path);
        if (known != null) {
            return known;
        }
        ResourceUri parsed = api.child(path);
        if (resources.size() >= MAX_RESOURCES) {
            resources.clear(); // paths come from callers (any slug): the cache stays bounded
        }
        resources.put(path, parsed);
        return parsed;
    }

    /**
     * A {@link RequiresScope#resource()} template cut at its {@code {variables}} once: literal parts at even
     * indexes, variable names at odd ones.
     */
    private record ResourceTemplate(List<String> parts) {
        static ResourceTemplate of(String template) {
            List<String> parts = new ArrayList<>();
            Matcher m = VARIABLE.matcher(template);
            int literal = 0;
            while (m.find()) {
                parts.add(template.substring(literal, m.start()));
                parts.add(m.group(1));
                literal = m.end();
            }
            parts.add(template.substring(literal));
            return new ResourceTemplate(List.copyOf(parts));
        }

        String expand(Map<String, Object> variables) {
            StringBuilder path = new StringBuilder(parts.get(0));
            for (int i = 1; i < parts.size(); i += 2) {
                Object value = variables.get(parts.get(i));
                if (value == null) {
                    throw new IllegalStateException("route has no path variable " + parts.get(i) + " for its resource");
                }
                path.append(value).append(parts.get(i + 1));
            }
            return path.toString();
        }
    }

    private static Optional<Protection> read(RouteMatch<?> route) {
        AnnotationMetadata match = route.getAnnotationMetadata();
        Optional<String> scope = match.stringValue(RequiresScope.class);
        if (scope.isPresent()) {
            return Optional.of(new Protection(new Scope(scope.get()),
                    match.stringValue(RequiresScope.class, "resource").orElse(""),
                    match.booleanValue(RequiresScope.class, "clients").orElse(false)));
        }
        if (!match.hasAnnotation(Secured.class)
                || Arrays.asList(match.stringValues(Secured.class)).contains(SecurityRule.IS_ANONYMOUS)) {
            return Optional.empty();
        }
        return Optional.of(new Protection(null, "", false));
    }
}
