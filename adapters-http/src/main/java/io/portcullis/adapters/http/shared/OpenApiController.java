package io.portcullis.adapters.http.shared;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.openapi.annotation.OpenAPIExclude;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3 document of the HTTP API (PRODUCT §11) at {@code /openapi.yml}; the browser pages are left out. micronaut-openapi's annotation
 * processor writes it from the controllers at build time, so it cannot drift from the code; it is read once.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@OpenAPIExclude(packages = "io.portcullis.adapters.http.pages")
@OpenAPIDefinition(info = @Info(title = "Portcullis", version = "2",
        description = "OAuth 2.1 authorization server, REST API (/api/v2) and MCP gateway. Errors on the REST API are"
                + " {message, detail?, validations?}; on /oauth2 endpoints RFC 6749 {error, error_description}."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key, session token or OAuth access token")
public final class OpenApiController {
    static final String RESOURCE = "META-INF/swagger/portcullis.yml";
    private final String document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    @Produces("application/yaml")
    HttpResponse<String> openApi() {
        return HttpResponse.ok(document).header("Cache-Control", "public, max-age=300");
    }
}
