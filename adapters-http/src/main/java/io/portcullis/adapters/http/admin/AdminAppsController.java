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
import io.portcullis.adapters.http.shared.FormBody;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;

/** Console: OAuth apps (list, create, edit, delete) and their client secrets (created and shown once, deleted). */
@Controller("/admin/apps")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminAppsController {
    private final AdminGate gate;
    private final ManageClientsUseCase apps;

    public AdminAppsController(AdminGate gate, ManageClientsUseCase apps) {
        this.gate = gate;
        this.apps = apps;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> renderList(e, HttpStatus.OK, null));
    }

    @Post(produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<OAuthClient, OAuthManagementError> r = apps.create(e.owner(), raw(form));
            return r.isOk() ? AdminGate.seeOther("/admin/apps/" + r.value().id() + "?done=app-saved")
                    : renderList(e, status(r.error()), Notices.sentence(r.error().message()));
        });
    }

    @Get(value = "/{id}", produces = PageResponses.HTML)
    HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> renderApp(e, id, HttpStatus.OK, Notices.text(done), null));
    }

    @Post(value = "/{id}", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<OAuthClient, OAuthManagementError> r = apps.update(e.owner(), id, raw(form));
            return r.isOk() ? AdminGate.seeOther("/admin/apps/" + id + "?done=app-saved")
                    : renderApp(e, id, status(r.error()), null, Notices.sentence(r.error().message()));
        });
    }

    @Post(value = "/{id}/delete", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<Void, OAuthManagementError> r = apps.delete(e.owner(), id);
            return r.isOk() ? AdminGate.seeOther("/admin/apps") : renderApp(e, id, status(r.error()), null,
                    Notices.sentence(r.error().message()));
        });
    }

    @Post(value = "/{id}/secrets", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createSecret(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<ManageClientsUseCase.IssuedSecret, OAuthManagementError> r = apps.createSecret(e.owner(), id);
            if (!r.isOk()) {
                return renderApp(e, id, status(r.error()), null, Notices.sentence(r.error().message()));
            }
            return gate.page(e, HttpStatus.CREATED, "admin/secret", new AdminViews.SecretPage(e.frame("apps"), "New client secret",
                    "The app authenticates at the token endpoint with its client id and this secret.", "Client secret",
                    r.value().plaintext(), "/admin/apps/" + id));
        });
    }

    @Post(value = "/{id}/secrets/{secretId}/delete", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deleteSecret(HttpRequest<?> request, @PathVariable String id, @PathVariable String secretId,
            @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<Void, OAuthManagementError> r = apps.deleteSecret(e.owner(), id, secretId);
            return r.isOk() ? AdminGate.seeOther("/admin/apps/" + id + "?done=secret-deleted")
                    : renderApp(e, id, status(r.error()), null, Notices.sentence(r.error().message()));
        });
    }

    private static ClientMetadata.Raw raw(FormBody form) {
        List<String> redirects = words(form.single("redirect_uris").orElse(""), "[\\s]+");
        List<String> grants = words(form.single("grant_types").orElse(""), "[\\s,]+");
        return new ClientMetadata.Raw(form.single("name").orElse(""), redirects,
                form.single("token_endpoint_auth_method").orElse("client_secret_basic"), grants.isEmpty() ? null : grants, null,
                form.single("scope").orElse(null), null, null, null, null, null, null, null, null);
    }

    private static List<String> words(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static HttpStatus status(OAuthManagementError error) {
        return error instanceof OAuthManagementError.NotFound ? HttpStatus.NOT_FOUND
                : error instanceof OAuthManagementError.Forbidden ? HttpStatus.FORBIDDEN
                : error instanceof OAuthManagementError.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    private static AdminViews.AppRow row(OAuthClient c) {
        return new AdminViews.AppRow(c.id().toString(), c.clientId(), c.metadata().displayName(), c.clientType().wire(),
                String.join(" ", c.metadata().redirectUris().stream().map(RedirectUri::value).toList()), c.dynamicallyRegistered());
    }

    private MutableHttpResponse<?> renderList(AdminGate.Entry e, HttpStatus status, String error) {
        return gate.page(e, status, "admin/apps", new AdminViews.AppsPage(e.frame("apps"),
                AdminGate.rows(apps.list(e.owner()), AdminAppsController::row), error));
    }

    private MutableHttpResponse<?> renderApp(AdminGate.Entry e, String id, HttpStatus status, String notice, String error) {
        Result<OAuthClient, OAuthManagementError> found = apps.get(e.owner(), id);
        if (!found.isOk()) {
            return renderList(e, status(found.error()), Notices.sentence(found.error().message()));
        }
        OAuthClient c = found.value();
        Result<List<ClientSecret>, OAuthManagementError> secrets = apps.listSecrets(e.owner(), id);
        List<AdminViews.SecretRow> secretRows = secrets.isOk() ? secrets.value().stream().map(s -> new AdminViews.SecretRow(
                s.id().toString(), "…" + s.displaySuffix(), Notices.date(s.createdAt()), Notices.date(s.lastUsedAt()))).toList()
                : List.of();
        ClientMetadata m = c.metadata();
        return gate.page(e, status, "admin/app", new AdminViews.AppPage(e.frame("apps"), row(c),
                String.join("\n", m.redirectUris().stream().map(RedirectUri::value).toList()), m.tokenEndpointAuthMethod(),
                String.join(" ", m.grantTypes()), m.scope().map(s -> s.spaceDelimited()).orElse(""), secretRows, notice, error));
    }
}
