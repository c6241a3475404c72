package io.portcullis.adapters.http.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.domain.identity.Scope;
import java.util.List;

/**
 * Protected Resource Metadata (RFC 9728 §3): the REST API's document at the root well-known name; a
 * path-suffixed name exists only for a protected resource at that path.
 */
@Controller("/.well-known/oauth-protected-resource")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class ProtectedResourceController {
    private final ServerUrls urls;
    private final ProtectedResources resources;

    public ProtectedResourceController(ServerUrls urls, ProtectedResources resources) {
        this.urls = urls;
        this.resources = resources;
    }

    @Serdeable
    record Metadata(String resource, List<String> authorization_servers, List<String> scopes_supported,
            List<String> bearer_methods_supported, String resource_name) {
    }

    @Get
    HttpResponse<Metadata> root() {
        return ok(urls.issuer(), "Portcullis API", Scope.catalog(), List.of("header", "query"));
    }

    /**
     * A gateway resource needs one scope; advertising only it keeps MCP clients from asking for everything. MCP
     * forbids tokens in the query, so only the header is advertised there.
     */
    @Get("/{+path}")
    HttpResponse<Metadata> forPath(@PathVariable String path) {
        String name = resources.nameOf("/" + path)
                .orElseThrow(() -> ApiException.notFound("No protected resource at /" + path + "."));
        return ok(urls.url("/" + path), name, List.of(Scope.of("mcp_gateway", "use").value()), List.of("header"));
    }

    private HttpResponse<Metadata> ok(String resource, String name, List<String> scopes, List<String> bearerMethods) {
        return HttpResponse.ok(new Metadata(resource, List.of(urls.issuer()), scopes, bearerMethods, name))
                .header("Cache-Control", "public, max-age=300");
    }
}
