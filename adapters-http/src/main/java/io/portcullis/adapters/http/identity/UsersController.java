package io.portcullis.adapters.http.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
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

    public UsersController(CreateFirstUserUseCase firstUser, ManageUsersUseCase users, LoginUseCase login,
            SessionCookies cookies, Json json, ClientAddressResolver clientAddresses, SetupCode setupCode) {
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
    HttpResponse<IdentityWire.UserResponse> createFirst(@Body String body) {
        IdentityWire.CreateFirstUserRequest req = json.read(body, IdentityWire.CreateFirstUserRequest.class);
        if (!firstUser.firstUserExists() && !setupCode.matches(req.setupCode())) {
            throw ApiException.forbidden("setup_code is missing or wrong: use the code printed in the log of the first server (replica) to start"
                    + " start (or portcullis.setup-code)");
        }
        User user = ApiException.unwrap(firstUser.createFirst(CreateUserCommand.of(req.email(), req.username(), req.password())));
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

    @Get("/me")
    @RequiresScope("user:read")
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

    @Get("/{user}")
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

}
