package io.portcullis.adapters.http.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase;
import io.portcullis.application.oauth.port.in.ManageGrantsUseCase;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RedirectUri;
import java.time.Instant;
import java.util.List;

/** OAuth2 apps management API and the user's authorized apps (PRODUCT §4). */
@Controller("/api/v2")
public final class AppsController {
    private final ManageClientsUseCase apps;
    private final ManageGrantsUseCase grants;
    private final ServerUrls urls;
    private final Json json;

    public AppsController(ManageClientsUseCase apps, ManageGrantsUseCase grants,
            ServerUrls urls, Json json) {
        this.apps = apps;
        this.grants = grants;
        this.urls = urls;
        this.json = json;
    }

    @Serdeable
    record AppRequest(String name, String callback_url, List<String> redirect_uris, String icon,
            String token_endpoint_auth_method, List<String> grant_types, String scope) {
        ClientMetadata.Raw raw() {
            if (name == null || name.isBlank()) {
                throw ApiException.validation("name", "is required");
            }
            List<String> redirects = redirect_uris != null ? redirect_uris : callback_url == null ? null : List.of(callback_url);
            return new ClientMetadata.Raw(name, redirects, token_endpoint_auth_method, grant_types, null, scope, null, null,
                    null, null, null, null, null, icon);
        }
    }

    @Serdeable
    record Endpoints(String authorization, String token, String revocation) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AppResponse(String id, String client_id, String name, String icon, String callback_url, List<String> redirect_uris, String client_type,
            String token_endpoint_auth_method, List<String> grant_types, String scope, boolean dynamically_registered,
            Instant created_at, Instant updated_at, Endpoints endpoints) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SecretResponse(String id, String client_secret_truncated, Instant last_used_at, Instant created_at) {
        static SecretResponse of(ClientSecret s) {
            return new SecretResponse(s.id().toString(), s.displaySuffix(), s.lastUsedAt(), s.createdAt());
        }
    }

    @Serdeable
    record SecretFull(String id, String client_secret_full) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GrantResponse(String client_id, String name, String icon, int grants, List<String> scopes, Instant authorized_at) {
    }

    private AppResponse describe(OAuthClient c) {
        ClientMetadata m = c.metadata();
        List<String> redirects = m.redirectUris().stream().map(RedirectUri::value).toList();
        return new AppResponse(c.id().toString(), c.clientId(), m.displayName(), m.icon(),
                redirects.isEmpty() ? null : redirects.get(0), redirects, c.clientType().wire(),
                m.tokenEndpointAuthMethod(), m.grantTypes(), m.scope().map(s -> s.spaceDelimited()).orElse(null),
                c.dynamicallyRegistered(), c.createdAt(), c.updatedAt(), new Endpoints(urls.url("/oauth2/authorize"),
                        urls.url("/oauth2/token"), urls.url("/oauth2/revoke")));
    }

    @Get("/oauth2-provider/apps")
    @RequiresScope(value = "oauth2_app:read", clients = true)
    List<AppResponse> list(Principal actor) {
        return ManagementErrors.unwrap(apps.list(actor)).stream().map(this::describe).toList();
    }

    @Post("/oauth2-provider/apps")
    @RequiresScope("oauth2_app:create")
    HttpResponse<AppResponse> create(Principal actor, @Body String body) {
        AppRequest app = json.read(body, AppRequest.class);
        return HttpResponse.created(describe(ManagementErrors.unwrap(apps.create(actor, app.raw()))));
    }

    @Get("/oauth2-provider/apps/{app}")
    @RequiresScope(value = "oauth2_app:read", clients = true)
    AppResponse get(Principal actor, @PathVariable String app) {
        return describe(ManagementErrors.unwrap(apps.get(actor, app)));
    }

    @Put("/oauth2-provider/apps/{app}")
    @RequiresScope("oauth2_app:update")
    AppResponse update(Principal actor, @PathVariable String app, @Body String body) {
        AppRequest change = json.read(body, AppRequest.class);
        return describe(ManagementErrors.unwrap(apps.update(actor, app, change.raw())));
    }

    @Delete("/oauth2-provider/apps/{app}")
    @RequiresScope("oauth2_app:delete")
    HttpResponse<Void> delete(Principal actor, @PathVariable String app) {
        ManagementErrors.unwrap(apps.delete(actor, app));
        return HttpResponse.noContent();
    }

    @Get("/oauth2-provider/apps/{app}/secrets")
    @RequiresScope("oauth2_app:read")
    List<SecretResponse> secrets(Principal actor, @PathVariable String app) {
        return ManagementErrors.unwrap(apps.listSecrets(actor, app)).stream().map(SecretResponse::of).toList();
    }

    @Post("/oauth2-provider/apps/{app}/secrets")
    @RequiresScope("oauth2_app:update")
    HttpResponse<SecretFull> createSecret(Principal actor, @PathVariable String app) {
        ManageClientsUseCase.IssuedSecret issued = ManagementErrors.unwrap(apps.createSecret(actor, app));
        return HttpResponse.created(new SecretFull(issued.secret().id().toString(), issued.plaintext()));
    }

    @Delete("/oauth2-provider/apps/{app}/secrets/{secret}")
    @RequiresScope("oauth2_app:update")
    HttpResponse<Void> deleteSecret(Principal actor, @PathVariable String app, @PathVariable String secret) {
        ManagementErrors.unwrap(apps.deleteSecret(actor, app, secret));
        return HttpResponse.noContent();
    }

    @Get("/users/me/oauth2-grants")
    @RequiresScope("api_key:read")
    List<GrantResponse> grants(Principal actor) {
        return grants.list(actor).stream().map(g -> new GrantResponse(g.client().clientId(),
                g.client().metadata().displayName(), g.client().metadata().icon(), g.grants(), g.scopes(),
                g.firstAuthorizedAt())).toList();
    }

    @Delete("/users/me/oauth2-grants/{clientId}")
    @RequiresScope("api_key:delete")
    HttpResponse<Void> revokeGrants(Principal actor, @PathVariable String clientId) {
        ManagementErrors.unwrap(grants.revoke(actor, clientId));
        return HttpResponse.noContent();
    }

}
