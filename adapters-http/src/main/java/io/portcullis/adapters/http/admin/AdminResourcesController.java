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
import io.portcullis.application.oauth.port.in.ManageResourcesUseCase;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.List;

/** Console: registered resources of PRODUCT §7 (list, create with the introspection secret shown once, edit, delete). */
@Controller("/admin/resources")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminResourcesController {
    private final AdminGate gate;
    private final ManageResourcesUseCase resources;

    public AdminResourcesController(AdminGate gate, ManageResourcesUseCase resources) {
        this.gate = gate;
        this.resources = resources;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request) {
        return AdminGate.either(gate.enter(request), e -> renderList(e, HttpStatus.OK, null));
    }

    @Post(produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<ManageResourcesUseCase.CreatedResource, OAuthManagementError> r = draft(form, true)
                    .flatMap(d -> resources.create(e.owner(), d));
            if (!r.isOk()) {
                return renderList(e, AdminAppsController.status(r.error()), Notices.sentence(r.error().message()));
            }
            RegisteredResource created = r.value().resource();
            return gate.page(e, HttpStatus.CREATED, "admin/secret", new AdminViews.SecretPage(e.frame("resources"), "Resource registered",
                    "The resource server calls the introspection endpoint as client " + created.introspectionClientId()
                            + " with this secret.", "Introspection client secret", r.value().introspectionClientSecret(),
                    "/admin/resources/" + created.id()));
        });
    }

    @Get(value = "/{id}", produces = PageResponses.HTML)
    HttpResponse<?> show(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> renderOne(e, id, HttpStatus.OK, Notices.text(done), null));
    }

    @Post(value = "/{id}", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<RegisteredResource, OAuthManagementError> r = draft(form, false).flatMap(d -> resources.update(e.owner(), id, d));
            return r.isOk() ? AdminGate.seeOther("/admin/resources/" + id + "?done=resource-saved")
                    : renderOne(e, id, AdminAppsController.status(r.error()), null, Notices.sentence(r.error().message()));
        });
    }

    @Post(value = "/{id}/delete", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<Void, OAuthManagementError> r = resources.delete(e.owner(), id);
            return r.isOk() ? AdminGate.seeOther("/admin/resources")
                    : renderOne(e, id, AdminAppsController.status(r.error()), null, Notices.sentence(r.error().message()));
        });
    }

    /** The form as a draft; on update the resource URI is not sent (it stays). */
    private static Result<RegisteredResource.Draft, OAuthManagementError> draft(FormBody form, boolean withResource) {
        Long lifetime = null;
        if (form.has("access_token_lifetime_seconds")) {
            try {
                lifetime = Long.parseLong(form.single("access_token_lifetime_seconds").orElseThrow().trim());
            } catch (NumberFormatException e) {
                return Result.err(new OAuthManagementError.Invalid("access_token_lifetime_seconds", "must be a whole number of seconds"));
            }
        }
        List<String> scopes = Arrays.stream(form.single("scopes").orElse("").split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return Result.ok(new RegisteredResource.Draft(withResource ? form.single("resource").orElse("") : null,
                form.single("display_name").orElse(null), scopes, null, form.single("access_token_format").orElse(null), lifetime));
    }

    private static AdminViews.ResourceRow row(RegisteredResource r) {
        return new AdminViews.ResourceRow(r.id().toString(), r.resource().value(), r.displayName(), String.join(" ", r.scopes()),
                r.tokenFormat().wire(), r.accessTokenLifetime().toSeconds(), r.introspectionClientId().toString());
    }

    private MutableHttpResponse<?> renderList(AdminGate.Entry e, HttpStatus status, String error) {
        return gate.page(e, status, "admin/resources", new AdminViews.ResourcesPage(e.frame("resources"),
                AdminGate.rows(resources.list(e.owner()), AdminResourcesController::row), error));
    }

    private MutableHttpResponse<?> renderOne(AdminGate.Entry e, String id, HttpStatus status, String notice, String error) {
        Result<RegisteredResource, OAuthManagementError> found = resources.get(e.owner(), id);
        return found.isOk() ? gate.page(e, status, "admin/resource", new AdminViews.ResourcePage(e.frame("resources"), row(found.value()),
                notice, error)) : renderList(e, AdminAppsController.status(found.error()), Notices.sentence(found.error().message()));
    }
}
