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
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.ApiError;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.CreateFirstUserUseCase;
import io.portcullis.application.identity.port.in.CreateUserCommand;
import io.portcullis.application.identity.port.in.LoginUseCase;
import io.portcullis.application.identity.port.in.ManageUsersUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.identity.IssuedApiKey;
import io.portcullis.domain.identity.Scope;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.identity.UserStatus;
import java.util.List;

/** Users and sessions (PRODUCT §2). */
@Controller("/api/v2/users")
public final class UsersController {
    private static final Scope READ = Scope.of("user", "read");
    private static final Scope CREATE = Scope.of("user", "create");
    private static final Scope UPDATE = Scope.of("user", "update");
    private final CreateFirstUserUseCase firstUser;
    private final ManageUsersUseCase users;
    private final LoginUseCase login;
    private final RequestAuthenticator authenticator;
    private final SessionCookies cookies;
    private final Json json;

    public UsersController(CreateFirstUserUseCase firstUser, ManageUsersUseCase users, LoginUseCase login,
            RequestAuthenticator authenticator, SessionCookies cookies, Json json) {
        this.firstUser = firstUser;
        this.users = users;
        this.login = login;
        this.authenticator = authenticator;
        this.cookies = cookies;
        this.json = json;
    }

    @Get("/first")
    HttpResponse<ApiError> firstExists() {
        return firstUser.firstUserExists() ? HttpResponse.ok(new ApiError("The first user has been created."))
                : HttpResponse.<ApiError>status(HttpStatus.NOT_FOUND).body(new ApiError("The first user has not been created."));
    }

    @Post("/first")
    HttpResponse<IdentityWire.UserResponse> createFirst(@Body String body) {
        IdentityWire.CreateUserRequest req = json.read(body, IdentityWire.CreateUserRequest.class);
        User user = ApiException.unwrap(firstUser.createFirst(CreateUserCommand.of(req.email(), req.username(), req.password())));
        return HttpResponse.created(IdentityWire.UserResponse.of(user));
    }

    @Post("/login")
    HttpResponse<IdentityWire.LoginResponse> login(@Body String body) {
        IdentityWire.LoginRequest req = json.read(body, IdentityWire.LoginRequest.class);
        IssuedApiKey issued = ApiException.unwrap(login.login(req.email(), req.password()));
        MutableHttpResponse<IdentityWire.LoginResponse> response =
                HttpResponse.created(new IdentityWire.LoginResponse(issued.plaintext()));
        cookies.set(response, issued.plaintext());
        return response;
    }

    @Post("/logout")
    HttpResponse<ApiError> logout(HttpRequest<?> request) {
        Principal principal = authenticator.require(request, null);
        login.logout(principal);
        MutableHttpResponse<ApiError> response = HttpResponse.ok(new ApiError("Signed out."));
        cookies.clear(response);
        return response;
    }

    @Get("/me")
    IdentityWire.UserResponse me(HttpRequest<?> request) {
        Principal principal = authenticator.require(request, READ);
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.resolve(principal, "me")));
    }

    @Get
    List<IdentityWire.UserResponse> list(HttpRequest<?> request) {
        Principal principal = authenticator.require(request, READ);
        return ApiException.unwrap(users.list(principal)).stream().map(IdentityWire.UserResponse::of).toList();
    }

    @Post
    HttpResponse<IdentityWire.UserResponse> create(HttpRequest<?> request, @Body String body) {
        Principal principal = authenticator.require(request, CREATE);
        IdentityWire.CreateUserRequest req = json.read(body, IdentityWire.CreateUserRequest.class);
        return HttpResponse.created(IdentityWire.UserResponse.of(
                ApiException.unwrap(users.create(principal, CreateUserCommand.of(req.email(), req.username(), req.password())))));
    }

    @Get("/{user}")
    IdentityWire.UserResponse get(HttpRequest<?> request, @PathVariable String user) {
        Principal principal = authenticator.require(request, READ);
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.resolve(principal, user)));
    }

    @Put("/{user}/status/{action}")
    IdentityWire.UserResponse status(HttpRequest<?> request, @PathVariable String user, @PathVariable String action) {
        Principal principal = authenticator.require(request, UPDATE);
        UserStatus status = switch (action) {
            case "suspend" -> UserStatus.SUSPENDED;
            case "activate" -> UserStatus.ACTIVE;
            default -> throw ApiException.notFound("Not found.");
        };
        return IdentityWire.UserResponse.of(ApiException.unwrap(users.changeStatus(principal, user, status)));
    }

}
