package io.portcullis.adapters.http.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageResourcesUseCase;
import io.portcullis.domain.oauth.RegisteredResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Registered resources (PRODUCT §7): owners create, change and delete them; members read. */
@Controller("/api/v2/oauth2-provider/resources")
public final class ResourcesController {
    private final ManageResourcesUseCase resources;
    private final Json json;

    public ResourcesController(ManageResourcesUseCase resources, Json json) {
        this.resources = resources;
        this.json = json;
    }

    @Serdeable
    record ResourceRequest(String resource, String display_name, List<String> scopes, Map<String, String> scope_descriptions,
            String access_token_format, Long access_token_lifetime_seconds) {
        RegisteredResource.Draft draft() {
            return new RegisteredResource.Draft(resource, display_name, scopes, scope_descriptions, access_token_format,
                    access_token_lifetime_seconds);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResourceResponse(String id, String resource, String display_name, List<String> scopes,
            Map<String, String> scope_descriptions, String access_token_format, long access_token_lifetime_seconds,
            String introspection_client_id, String introspection_client_secret, Instant created_at, Instant updated_at) {
        static ResourceResponse of(RegisteredResource r, String secret) {
            return new ResourceResponse(r.id().toString(), r.resource().value(), r.displayName(), r.scopes(),
                    r.scopeDescriptions(), r.tokenFormat().wire(), r.accessTokenLifetime().toSeconds(),
                    r.introspectionClientId().toString(), secret, r.createdAt(), r.updatedAt());
        }
    }

    @Get
    @RequiresScope(value = "oauth2_app:read", clients = true)
    List<ResourceResponse> list(Principal actor) {
        return ManagementErrors.unwrap(resources.list(actor)).stream().map(r -> ResourceResponse.of(r, null)).toList();
    }

    @Post
    @RequiresScope("oauth2_app:create")
    HttpResponse<ResourceResponse> create(Principal actor, @Body String body) {
        ManageResourcesUseCase.CreatedResource created = ManagementErrors.unwrap(resources.create(actor,
                json.read(body, ResourceRequest.class).draft()));
        return HttpResponse.created(ResourceResponse.of(created.resource(), created.introspectionClientSecret()));
    }

    @Get("/{id}")
    @RequiresScope(value = "oauth2_app:read", clients = true)
    ResourceResponse get(Principal actor, @PathVariable String id) {
        return ResourceResponse.of(ManagementErrors.unwrap(resources.get(actor, id)), null);
    }

    @Patch("/{id}")
    @RequiresScope("oauth2_app:update")
    ResourceResponse update(Principal actor, @PathVariable String id, @Body String body) {
        return ResourceResponse.of(ManagementErrors.unwrap(resources.update(actor, id,
                json.read(body, ResourceRequest.class).draft())), null);
    }

    @Delete("/{id}")
    @RequiresScope("oauth2_app:delete")
    HttpResponse<Void> delete(Principal actor, @PathVariable String id) {
        ManagementErrors.unwrap(resources.delete(actor, id));
        return HttpResponse.noContent();
    }
}
