package io.portcullis.adapters.http.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import io.portcullis.application.identity.port.in.ChangePasswordCommand;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.ManageAccountsUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.UpdateProfileCommand;
import io.portcullis.application.identity.port.in.UpdateProfileUseCase;
import io.portcullis.domain.identity.IdentityError;
import io.portcullis.domain.identity.Password;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.function.Function;

/** Console: users (list, create, edit profile, suspend/activate, roles, password reset, delete). */
@Controller("/admin")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public final class AdminUsersController {
    private final AdminGate gate;
    private final ManageUsersUseCase users;
    private final ManageAccountsUseCase accounts;
    private final UpdateProfileUseCase profiles;

    public AdminUsersController(AdminGate gate, ManageUsersUseCase users, ManageAccountsUseCase accounts,
            UpdateProfileUseCase profiles) {
        this.profiles = profiles;
        this.gate = gate;
        this.users = users;
        this.accounts = accounts;
    }

    @Get(produces = PageResponses.HTML)
    HttpResponse<?> start(HttpRequest<?> request) {
        return AdminGate.either(gate.enter(request), e -> AdminGate.seeOther("/admin/users"));
    }

    @Get(value = "/users", produces = PageResponses.HTML)
    HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String done) {
        return AdminGate.either(gate.enter(request), e -> render(e, HttpStatus.OK, Notices.text(done), null));
    }

    @Post(value = "/users", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return change(request, form, e -> users.create(e.owner(), CreateUserCommand.of(form.single("email").orElse(""),
                form.single("username").orElse(""), form.single("password").orElse(""))), "user-created");
    }

    @Post(value = "/users/{id}/status", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        UserStatus status = form.single("action").filter("activate"::equals).isPresent() ? UserStatus.ACTIVE : UserStatus.SUSPENDED;
        return change(request, form, e -> users.changeStatus(e.owner(), id, status),
                status == UserStatus.ACTIVE ? "user-activated" : "user-suspended");
    }

    @Post(value = "/users/{id}/profile", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> profile(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return change(request, form, e -> profiles.updateProfile(e.owner(), UpdateProfileCommand.of(id,
                form.single("username").orElse(""), form.single("email").filter(v -> !v.isBlank()).orElse(null))),
                "profile-updated");
    }

    @Post(value = "/users/{id}/role", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> role(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        Role role = form.single("role").filter("owner"::equals).isPresent() ? Role.OWNER : Role.MEMBER;
        return change(request, form, e -> accounts.changeRole(e.owner(), id, role), "role-changed");
    }

    @Post(value = "/users/{id}/password", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> password(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormBody form = AdminGate.form(body);
        return change(request, form, e -> accounts.changePassword(e.owner(),
                new ChangePasswordCommand(id, null, new Password(form.single("password").orElse("")))), "password-reset");
    }

    @Post(value = "/users/{id}/delete", produces = PageResponses.HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, AdminGate.form(body), e -> accounts.delete(e.owner(), id), "user-deleted");
    }

    private HttpResponse<?> change(HttpRequest<?> request, FormBody form, Function<AdminGate.Entry, Result<User, IdentityError>> action,
            String done) {
        return AdminGate.either(gate.submit(request, form), e -> {
            Result<User, IdentityError> result;
            try {
                result = action.apply(e);
            } catch (DomainValidationException invalid) {
                return render(e, HttpStatus.BAD_REQUEST, null, Notices.invalid(invalid));
            }
            if (!result.isOk()) {
                return render(e, status(result.error()), null, Notices.sentence(result.error().message()));
            }
            return AdminGate.seeOther("/admin/users?done=" + done);
        });
    }

    private io.micronaut.http.MutableHttpResponse<?> render(AdminGate.Entry e, HttpStatus status, String notice, String error) {
        Result<List<User>, IdentityError> listed = users.list(e.owner());
        List<AdminViews.UserRow> rows = listed.isOk() ? listed.value().stream().map(u -> row(e, u)).toList() : List.of();
        return gate.page(e, status, "admin/users", new AdminViews.UsersPage(
                new AdminViews.Frame(e.csrfToken(), e.owner().user().username().value(), "users"), rows, notice, error));
    }

    private static AdminViews.UserRow row(AdminGate.Entry e, User u) {
        return new AdminViews.UserRow(u.id().toString(), u.username().value(), u.email().value(), u.isOwner(), u.isActive(),
                u.id().equals(e.owner().user().id()), Notices.date(u.createdAt()), Notices.date(u.lastSeenAt()));
    }

    static HttpStatus status(IdentityError error) {
        return error instanceof IdentityError.Invalid ? HttpStatus.BAD_REQUEST
                : error instanceof IdentityError.NotFound ? HttpStatus.NOT_FOUND
                : error instanceof IdentityError.Conflict ? HttpStatus.CONFLICT : HttpStatus.FORBIDDEN;
    }
}
