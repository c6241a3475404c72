package io.portcullis.adapters.http.identity;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.ChangePasswordCommand;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.ManageAccountsUseCase;
import io.portcullis.application.identity.port.in.UpdateProfileCommand;
import io.portcullis.application.identity.port.in.UpdateProfileUseCase;
import io.portcullis.domain.identity.Password;
import io.portcullis.domain.identity.Role;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import java.util.List;

/** Users and sessions (PRODUCT §2). */
@Controller("/api/v2/users")
public final class UsersController {
    private final CreateFirstUserUseCase firstUser;
    private final ManageUsersUseCase users;
    private final LoginUseCase login;
    private final SessionCookies cookies;
    private final Json json;
    private final ClientAddressResolver clientAddresses;
    private final SetupCode setupCode;
    private final ManageAccountsUseCase accounts;
    private final UpdateProfileUseCase profiles;

    public UsersController(CreateFirstUserUseCase firstUser, ManageUsersUseCase users, LoginUseCase login,
            SessionCookies cookies, Json json, ClientAddressResolver clientAddresses, SetupCode setupCode,
            ManageAccountsUseCase accounts, UpdateProfileUseCase profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.setupCode = setupCode;
        this.firstUser = firstUser;
        this.users = users;
        this.login = login;
        this.cookies = cookies;
        this.json = json;
        this.clientAddresses = clientAddresses;
    }

    @Get("/first")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<ApiError> firstExists() {
        return firstUser.firstUserExists() ? HttpResponse.ok(new ApiError("The first user has been created."))
                : HttpResponse.<ApiError>status(HttpStatus.NOT_FOUND).body(new ApiError("The first user has not been created."));
    }

    @Post("/first")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<IdentityWire.UserResponse> createFirst(HttpRequest<?> request, @Body String body) {
        IdentityWire.CreateFirstUserRequest req = json.read(body, IdentityWire.CreateFirstUserRequest.class);
        if (!firstUser.firstUserExists() && !setupCode.matches(req.setupCode())) {
            throw ApiException.forbidden("setup_code is missing or wrong: use the code printed in the log of the first server (replica) to start"
                    + " start (or portcullis.setup-code)");
        }
        User user = ApiException.unwrap(firstUser.createFirst(CreateUserCommand.of(req.email(), req.username(), req.password()),
                clientAddresses.resolve(request)));
        return HttpResponse.created(IdentityWire.UserResponse.of(user));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<IdentityWire.LoginResponse> login(HttpRequest<?> request, @Body String body) {
        IdentityWire.LoginRequest req = json.read(body, IdentityWire.LoginRequest.class);
        IssuedApiKey issued = ApiException.unwrap(login.login(req.email(), req.password(), clientAddresses.resolve(request)));
        MutableHttpResponse<IdentityWire.LoginResponse> response =
                HttpResponse.created(new IdentityWire.LoginResponse(issued.plaintext()));
        cookies.set(response, issued.plaintext());
        return response;
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<ApiError> logout(Principal principal) {
        login.logout(principal);
        MutableHttpResponse<ApiError> response = HttpResponse.ok(new ApiError("Signed out."));
        cookies.clear(response);
        return response;
    }

    /**
     * Touches no store (the caller's user was read when the credential was validated), so it runs where the filter
     * chain continues ({@code @NonBlocking}, see ContinuingExecutorSelector): on the network thread when the credential
     * was known from memory, on the blocking worker that looked it up otherwise. Either way no hop to another thread.
     */
    @Get("/me")
    @RequiresScope("user:read")
    @NonBlocking
    IdentityWire.UserResponse me(Principal principal) {
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.resolve(principal, "me")));
    }

    @Get
    @RequiresScope("user:read")
    List<IdentityWire.UserResponse> list(Principal principal) {
        return ApiException.unwrap(users.list(principal)).stream().map(IdentityWire.UserResponse::of).toList();
    }

    @Post
    @RequiresScope("user:create")
    HttpResponse<IdentityWire.UserResponse> create(Principal principal, @Body String body) {
        IdentityWire.CreateUserRequest req = json.read(body, IdentityWire.CreateUserRequest.class);
        return HttpResponse.created(IdentityWire.UserResponse.of(
                ApiException.unwrap(users.create(principal, CreateUserCommand.of(req.email(), req.username(), req.password())))));
    }

    /** A user, by id or username. */
    // "me" is me()'s alone, and the template says so: matched by both routes, /users/me went through Micronaut's
    // ambiguity resolution (streams over both templates' segments) on every request, the hottest authenticated path
    @Get("/{user:(?!me$)[^/?#]+}")
    @RequiresScope("user:read")
    IdentityWire.UserResponse get(Principal principal, @PathVariable String user) {
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.resolve(principal, user)));
    }

    @Put("/{user}/status/{action}")
    @RequiresScope("user:update")
    IdentityWire.UserResponse status(Principal principal, @PathVariable String user, @PathVariable String action) {
        UserStatus status = switch (action) {
            case "suspend" -> UserStatus.SUSPENDED;
            case "activate" -> UserStatus.ACTIVE;
            default -> throw ApiException.notFound("Not found.");
        };
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.changeStatus(principal, user, status)));
    }

    /** Self with {@code old_password}; owners reset members' passwords without it. Rules as at first-user creation. */
    @Put("/{user}/password")
    @RequiresScope("user:update")
    @Operation(summary = "Change a password: your own with old_password, or (owners) reset a member's without it",
            description = "Body {old_password?, password}; the password rules of first-user creation. 204.")
    HttpResponse<?> password(Principal principal, @PathVariable String user, @Body String body) {
        IdentityWire.ChangePasswordRequest req = json.read(body, IdentityWire.ChangePasswordRequest.class);
        ApiException.unwrap(accounts.changePassword(principal,
                new ChangePasswordCommand(user, req.old_password(), new Password(req.password()))));
        return HttpResponse.noContent();
    }

    /** Username and, optionally, e-mail; the rules of creation. Owners update anyone, members only {@code me}. */
    @Put("/{user}/profile")
    @RequiresScope("user:update")
    @Operation(summary = "Update a user's profile: username and, optionally, email (owners: anyone; members: me)",
            description = "Body {username, email?}; username 1-32 of a-z, 0-9 and -, unique; email unique (case-insensitive)."
                    + " 400 naming an invalid field, 403 for another user's profile, 409 when the username or email is taken.")
    IdentityWire.UserResponse profile(Principal principal, @PathVariable String user, @Body String body) {
        IdentityWire.UpdateProfileRequest req = json.read(body, IdentityWire.UpdateProfileRequest.class);
        return IdentityWire.UserResponse.of(ApiException.unwrap(profiles.updateProfile(principal,
                UpdateProfileCommand.of(user, req.username(), req.email()))));
    }

    /** {@code {"roles":["owner"]}} makes an owner, {@code {"roles":[]}} a member; owners only. */
    @Put("/{user}/roles")
    @RequiresScope("user:update")
    @Operation(summary = "Set a user's roles (owners): [\"owner\"] or [] for a member",
            description = "409 when it would leave no active owner.")
    IdentityWire.UserResponse roles(Principal principal, @PathVariable String user, @Body String body) {
        IdentityWire.ChangeRolesRequest req = json.read(body, IdentityWire.ChangeRolesRequest.class);
        List<String> roles = req.roles() == null ? List.of() : req.roles();
        if (roles.stream().anyMatch(r -> !"owner".equals(r))) {
            throw ApiException.validation("roles", "the only role is \"owner\"; an empty list makes a member");
        }
        return IdentityWire.UserResponse.of(ApiException.unwrap(accounts.changeRole(principal, user,
                roles.isEmpty() ? Role.MEMBER : Role.OWNER)));
    }

    /** Owners only: ends every key, session, grant and upstream token of the user. */
    @Delete("/{user}")
    @RequiresScope("user:delete")
    @Operation(summary = "Delete a user (owners), ending every key, session, grant and upstream token of theirs",
            description = "409 when it would leave no active owner. 204.")
    HttpResponse<?> delete(Principal principal, @PathVariable String user) {
        ApiException.unwrap(accounts.delete(principal, user));
        return HttpResponse.noContent();
    }

}
