package io.portcullis.adapters.http.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.portcullis.adapters.http.pages.ConnectedPage;
import io.portcullis.adapters.http.pages.OnwardPage;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.BrowserNavigation;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.registry.port.in.ConnectUpstreamUseCase;
import io.portcullis.application.registry.port.in.DisconnectUpstreamUseCase;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.McpServerDraft;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The MCP server registry and each user's upstream connection (PRODUCT §5). Secrets are never returned. */
@Controller("/api/v2/mcp/servers")
public final class McpServersController {
    private final ManageMcpServersUseCase servers;
    private final ViewMcpServersUseCase views;
    private final ConnectUpstreamUseCase connect;
    private final DisconnectUpstreamUseCase connections;
    private final Json json;

    public McpServersController(ManageMcpServersUseCase servers, ViewMcpServersUseCase views, ConnectUpstreamUseCase connect,
            DisconnectUpstreamUseCase connections, Json json) {
        this.servers = servers;
        this.views = views;
        this.connect = connect;
        this.connections = connections;
        this.json = json;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ServerResponse(String id, String display_name, String slug, String description, String icon_url, String transport,
            String url, String auth_type, String oauth2_client_id, boolean has_oauth2_secret, String oauth2_auth_url,
            String oauth2_token_url, String oauth2_scopes, String api_key_header, boolean has_api_key, boolean has_custom_headers,
            List<String> tool_allow_list, List<String> tool_deny_list, String availability, boolean enabled,
            boolean auth_connected, Instant created_at, Instant updated_at, String oauth2_revocation_url) {
        static ServerResponse of(ServerView v) {
            McpServerConfig c = v.config();
            boolean r = v.redacted();
            return new ServerResponse(c.id().toString(), c.displayName(), c.slug(), c.description(), c.iconUrl(),
                    r ? "" : c.transport().wire(), r ? "" : c.url(), c.authType().wire(), r ? "" : c.oauth2ClientId(),
                    c.hasOAuth2Secret(), r ? "" : c.oauth2AuthUrl(), r ? "" : c.oauth2TokenUrl(), r ? "" : c.oauth2Scopes(),
                    r ? "" : c.apiKeyHeader(), c.hasApiKey(), c.hasCustomHeaders(), c.toolAllowList(), c.toolDenyList(),
                    c.availability().wire(), c.enabled(), v.authConnected(), c.createdAt(), c.updatedAt(),
                    r ? "" : c.oauth2RevocationUrl());
        }
    }

    @Get
    @RequiresScope("mcp_server:read")
    List<ServerResponse> list(Principal actor) {
        return views.list(actor).stream().map(ServerResponse::of).toList();
    }

    @Post
    @RequiresScope("mcp_server:create")
    HttpResponse<ServerResponse> create(Principal actor, @Body String body) {
        return HttpResponse.created(ServerResponse.of(RegistryErrorResponses.unwrap(servers.create(actor, draft(json.readMap(body))))));
    }

    @Get("/{id}")
    @RequiresScope("mcp_server:read")
    ServerResponse get(Principal actor, @PathVariable String id) {
        return ServerResponse.of(RegistryErrorResponses.unwrap(views.get(actor, id)));
    }

    @Patch("/{id}")
    @RequiresScope("mcp_server:update")
    ServerResponse update(Principal actor, @PathVariable String id, @Body String body) {
        return ServerResponse.of(RegistryErrorResponses.unwrap(servers.update(actor, id, draft(json.readMap(body)))));
    }

    @Delete("/{id}")
    @RequiresScope("mcp_server:delete")
    HttpResponse<Void> delete(Principal actor, @PathVariable String id) {
        RegistryErrorResponses.unwrap(servers.delete(actor, id));
        return HttpResponse.noContent();
    }

    /**
     * 307 to the upstream's authorize URL; a browser navigation gets instead a page of ours that moves on by itself, so the
     * cross-origin hop is a navigation of its own and never a redirect of the sign-in form's POST (which that page's
     * {@code form-action 'self'} would block, leaving the user on the sign-in page).
     */
    @Get(value = "/{id}/oauth2/connect", produces = {PageResponses.HTML, MediaType.APPLICATION_JSON})
    @RequiresScope("mcp_server:use")
    HttpResponse<?> connect(HttpRequest<?> request, Principal actor, @PathVariable String id) {
        String location = RegistryErrorResponses.unwrap(connect.connect(actor, id));
        if (BrowserNavigation.of(request)) {
            MutableHttpResponse<?> page = PageResponses.page(HttpStatus.OK, "onward", OnwardPage.to(location));
            page.getHeaders().set("Referrer-Policy", "no-referrer"); // the upstream URL carries state: no referrer to it
            return page;
        }
        return HttpResponse.<Void>status(HttpStatus.TEMPORARY_REDIRECT).header("Location", location)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    @Get(value = "/{id}/oauth2/callback", produces = PageResponses.HTML)
    @RequiresScope("mcp_server:use")
    HttpResponse<?> callback(Principal actor, @PathVariable String id, @Nullable @QueryValue String code,
            @Nullable @QueryValue String state, @Nullable @QueryValue String error, @Nullable @QueryValue String iss) {
        Result<String, RegistryError> result = connect.callback(actor, id, code, state, error, iss);
        if (!result.isOk()) {
            ApiException api = RegistryErrorResponses.toApi(result.error());
            return PageResponses.error(api.status(), "Could not connect", result.error().message());
        }
        return PageResponses.page(HttpStatus.OK, "connected", new ConnectedPage(result.value()));
    }

    @Delete("/{id}/oauth2/disconnect")
    @RequiresScope("mcp_server:use")
    HttpResponse<Void> disconnect(Principal actor, @PathVariable String id) {
        RegistryErrorResponses.unwrap(connections.disconnect(actor, id));
        return HttpResponse.noContent();
    }

    /** A JSON object as a draft: present keys are changes, absent keys stay as they are; types are checked. */
    public static McpServerDraft draft(Map<String, Object> body) {
        return new McpServerDraft(text(body, "display_name"), text(body, "slug"), text(body, "description"),
                text(body, "icon_url"), text(body, "transport"), text(body, "url"), text(body, "auth_type"),
                text(body, "oauth2_client_id"), text(body, "oauth2_client_secret"), text(body, "oauth2_auth_url"),
                text(body, "oauth2_token_url"), text(body, "oauth2_scopes"), text(body, "api_key_header"),
                text(body, "api_key_value"), headers(body), texts(body, "tool_allow_list"), texts(body, "tool_deny_list"),
                text(body, "availability"), bool(body, "enabled"), text(body, "oauth2_revocation_url"));
    }

    private static Optional<String> text(Map<String, Object> body, String key) {
        if (!body.containsKey(key) || body.get(key) == null) {
            return Optional.empty();
        }
        if (!(body.get(key) instanceof String s)) {
            throw ApiException.validation(key, "must be a string");
        }
        return Optional.of(s);
    }

    private static Optional<Boolean> bool(Map<String, Object> body, String key) {
        if (!body.containsKey(key) || body.get(key) == null) {
            return Optional.empty();
        }
        if (!(body.get(key) instanceof Boolean b)) {
            throw ApiException.validation(key, "must be a boolean");
        }
        return Optional.of(b);
    }

    private static Optional<List<String>> texts(Map<String, Object> body, String key) {
        if (!body.containsKey(key) || body.get(key) == null) {
            return Optional.empty();
        }
        if (!(body.get(key) instanceof List<?> list) || list.stream().anyMatch(i -> !(i instanceof String))) {
            throw ApiException.validation(key, "must be an array of strings");
        }
        return Optional.of(list.stream().map(String.class::cast).toList());
    }

    private static Optional<Map<String, String>> headers(Map<String, Object> body) {
        if (!body.containsKey("custom_headers") || body.get("custom_headers") == null) {
            return Optional.empty();
        }
        if (!(body.get("custom_headers") instanceof Map<?, ?> map)
                || map.values().stream().anyMatch(v -> !(v instanceof String))) {
            throw ApiException.validation("custom_headers", "must be an object of string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), (String) v));
        return Optional.of(out);
    }

}
