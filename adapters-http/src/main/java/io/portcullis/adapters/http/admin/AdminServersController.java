package io.portcullis.adapters.http.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.pages.PageResponses;
import io.portcullis.adapters.http.registry.McpServersController;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.registry.port.in.ManageMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase;
import io.portcullis.application.registry.port.in.ViewMcpServersUseCase.ServerView;
import io.portcullis.application.registry.port.in.TestMcpServerConnectionUseCase;
import io.portcullis.domain.registry.McpServerConfig;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Console: MCP servers (register by URL with discovery feedback, edit, enable, tool policies, connection test). */
@Controller("/admin/servers")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminServersController {
    private final AdminGate gate;
    private final ManageMcpServersUseCase servers;
    private final ViewMcpServersUseCase views;
    private final TestMcpServerConnectionUseCase tester;

    public AdminServersController(AdminGate gate, ManageMcpServersUseCase servers, ViewMcpServersUseCase views,
            TestMcpServerConnectionUseCase tester) {
        this.gate = gate;
        this.servers = servers;
        this.views = views;
        this.tester = tester;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request) {
        return AdminGate.either(gate.enter(request), e -> renderList(e, HttpStatus.OK, FormBody.of(Map.of()), null));
    }

    @Post(produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return AdminGate.either(gate.submit(request, form), e -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String name : List.of("url", "display_name", "slug", "auth_type")) {
                form.single(name).ifPresent(v -> fields.put(name, v.trim()));
            }
            fields.put("enabled", form.single("enabled").isPresent());
            Result<ServerView, RegistryError> created = apply(() -> servers.create(e.owner(), McpServersController.draft(fields)));
            if (!created.isOk()) {
                return renderList(e, status(created.error()), form, Notices.sentence(created.error().message()));
            }
            McpServerConfig c = created.value().config();
            String notice = c.authType() == McpServerConfig.AuthType.OAUTH2
                    ? "Registered. Discovery found the authorization server below, and Portcullis registered itself there."
                    : "Registered. No discovery is needed for auth type " + c.authType().wire() + "; try the connection test.";
            return renderServer(e, HttpStatus.CREATED, c, null, notice, null);
        });
    }

    @Get(value = "/{id}", produces = PageResponses.HTML)
    HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> {
            Result<ServerView, RegistryError> found = views.get(e.owner(), id);
            return found.isOk() ? renderServer(e, HttpStatus.OK, found.value().config(), null, Notices.text(done), null)
                    : renderList(e, HttpStatus.NOT_FOUND, FormBody.of(Map.of()), Notices.sentence(found.error().message()));
        });
    }

    @Post(value = "/{id}", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("display_name", form.single("display_name").orElse(""));
        fields.put("description", form.single("description").orElse(""));
        form.single("availability").ifPresent(v -> fields.put("availability", v));
        fields.put("tool_allow_list", lines(form.single("tool_allow_list").orElse("")));
        fields.put("tool_deny_list", lines(form.single("tool_deny_list").orElse("")));
        return save(request, id, form, fields, "server-saved");
    }

    @Post(value = "/{id}/enabled", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> enabled(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        boolean on = form.single("enabled").filter("true"::equals).isPresent();
        return save(request, id, form, Map.of("enabled", on), on ? "server-enabled" : "server-disabled");
    }

    @Post(value = "/{id}/test", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> test(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<ServerView, RegistryError> found = views.get(e.owner(), id);
            Result<TestMcpServerConnectionUseCase.ConnectionReport, RegistryError> report = tester.test(e.owner(), id);
            if (!found.isOk() || !report.isOk()) {
                RegistryError error = found.isOk() ? report.error() : found.error();
                return renderList(e, status(error), FormBody.of(Map.of()), Notices.sentence(error.message()));
            }
            var r = report.value();
            return renderServer(e, HttpStatus.OK, found.value().config(), new AdminViews.Report(r.ok(), r.summary(), r.found()),
                    null, null);
        });
    }

    @Post(value = "/{id}/delete", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<Void, RegistryError> r = servers.delete(e.owner(), id);
            return r.isOk() ? AdminGate.seeOther("/admin/servers")
                    : renderList(e, status(r.error()), FormBody.of(Map.of()), Notices.sentence(r.error().message()));
        });
    }

    private HttpResponse<?> save(HttpRequest<?> request, String id, FormBody form, Map<String, Object> fields, String done) {
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<ServerView, RegistryError> r = apply(() -> servers.update(e.owner(), id, McpServersController.draft(fields)));
            if (r.isOk()) {
                return AdminGate.seeOther("/admin/servers/" + r.value().config().id() + "?done=" + done);
            }
            Result<ServerView, RegistryError> current = views.get(e.owner(), id);
            return current.isOk() ? renderServer(e, status(r.error()), current.value().config(), null, null,
                    Notices.sentence(r.error().message()))
                    : renderList(e, status(r.error()), FormBody.of(Map.of()), Notices.sentence(r.error().message()));
        });
    }

    /** The use case's answer, with a request the draft itself refused turned into an {@code Invalid} error. */
    private static Result<ServerView, RegistryError> apply(java.util.function.Supplier<Result<ServerView, RegistryError>> call) {
        try {
            return call.get();
        } catch (ApiException invalid) {
            return Result.err(new RegistryError.Invalid("form", invalid.getMessage()));
        }
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.stream(text.split("[\\r\\n,]+")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static HttpStatus status(RegistryError error) {
        return error instanceof RegistryError.NotFound ? HttpStatus.NOT_FOUND
                : error instanceof RegistryError.Forbidden ? HttpStatus.FORBIDDEN
                : error instanceof RegistryError.Conflict ? HttpStatus.CONFLICT
                : error instanceof RegistryError.UpstreamFailure || error instanceof RegistryError.DiscoveryFailed
                        ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST;
    }

    private static AdminViews.ServerRow row(McpServerConfig c) {
        return new AdminViews.ServerRow(c.id().toString(), c.displayName(), c.slug(), c.url(), c.authType().wire(), c.enabled(),
                c.availability().wire());
    }

    private MutableHttpResponse<?> renderList(AdminGate.Entry e, HttpStatus status, FormBody form, String error) {
        List<AdminViews.ServerRow> rows = views.list(e.owner()).stream().map(v -> row(v.config())).toList();
        return gate.page(e, status, "admin/servers", new AdminViews.ServersPage(e.frame("servers"), rows, form.single("url").orElse(""),
                form.single("display_name").orElse(""), form.single("slug").orElse(""), form.single("auth_type").orElse("oauth2"),
                error));
    }

    private MutableHttpResponse<?> renderServer(AdminGate.Entry e, HttpStatus status, McpServerConfig c, AdminViews.Report report,
            String notice, String error) {
        List<String> discovered = new ArrayList<>();
        if (c.authType() == McpServerConfig.AuthType.OAUTH2) {
            discovered.add("authorization endpoint: " + c.oauth2AuthUrl());
            discovered.add("token endpoint: " + c.oauth2TokenUrl());
            discovered.add("client id at the upstream: " + c.oauth2ClientId());
            discovered.add("scopes: " + (c.oauth2Scopes().isEmpty() ? "none" : c.oauth2Scopes()));
            if (c.oauth2RevocationUrl() != null && !c.oauth2RevocationUrl().isEmpty()) {
                discovered.add("revocation endpoint: " + c.oauth2RevocationUrl());
            }
        }
        return gate.page(e, status, "admin/server", new AdminViews.ServerPage(e.frame("servers"), row(c), c.description(),
                String.join("\n", c.toolAllowList()), String.join("\n", c.toolDenyList()), discovered, report, notice, error));
    }
}
