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
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase;
import io.portcullis.application.oauth.port.in.ManageGrantsUseCase;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.Grant;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Console: everyone's grants, with revoke. */
@Controller("/admin/grants")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminGrantsController {
    static final int LIMIT = 500;
    private final AdminGate gate;
    private final ManageGrantsUseCase grants;
    private final ManageUsersUseCase users;
    private final ManageClientsUseCase apps;

    public AdminGrantsController(AdminGate gate, ManageGrantsUseCase grants, ManageUsersUseCase users, ManageClientsUseCase apps) {
        this.gate = gate;
        this.grants = grants;
        this.users = users;
        this.apps = apps;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> render(e, HttpStatus.OK, Notices.text(done), null));
    }

    @Post(value = "/{id}/revoke", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return AdminGate.either(gate.submit(request, AdminGate.form(body)), e -> {
            Result<Void, OAuthManagementError> r = grants.revokeGrant(e.owner(), id);
            return r.isOk() ? AdminGate.seeOther("/admin/grants?done=grant-revoked")
                    : render(e, r.error() instanceof OAuthManagementError.NotFound ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN,
                            null, Notices.sentence(r.error().message()));
        });
    }

    private MutableHttpResponse<?> render(AdminGate.Entry e, HttpStatus status, String notice, String error) {
        Result<List<Grant>, OAuthManagementError> listed = grants.listEveryone(e.owner(), LIMIT);
        Result<List<User>, IdentityError> people = users.list(e.owner());
        Result<List<OAuthClient>, OAuthManagementError> clients = apps.list(e.owner());
        Map<UUID, String> names = people.isOk() ? people.value().stream()
                .collect(Collectors.toMap(User::id, u -> u.username().value())) : Map.of();
        Map<UUID, String> appNames = clients.isOk() ? clients.value().stream()
                .collect(Collectors.toMap(OAuthClient::id, c -> c.metadata().clientName(), (a, b) -> a)) : Map.of();
        Function<Grant, AdminViews.GrantRow> row = g -> new AdminViews.GrantRow(g.id().toString(),
                names.getOrDefault(g.userId(), g.userId().toString()), appNames.getOrDefault(g.clientId(), g.clientId().toString()),
                String.join(" ", g.scope().values()), g.resource() == null ? "" : g.resource().value(), Notices.date(g.createdAt()));
        List<AdminViews.GrantRow> rows = listed.isOk() ? listed.value().stream().map(row).toList() : List.of();
        MutableHttpResponse<?> response = gate.page(e, status, "admin/grants", new AdminViews.GrantsPage(
                new AdminViews.Frame(e.csrfToken(), e.owner().user().username().value(), "grants"), rows, notice, error));
        return response;
    }
}
