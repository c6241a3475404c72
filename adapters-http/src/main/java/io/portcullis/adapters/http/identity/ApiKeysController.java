package io.portcullis.adapters.http.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.portcullis.adapters.http.security.RequestAuthenticator;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.ManageApiKeysUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.identity.Scope;
import java.util.List;

/** API tokens of a user (PRODUCT §3). */
@Controller("/api/v2/users/{user}/keys")
public final class ApiKeysController {
    private final ManageApiKeysUseCase keys;
    private final RequestAuthenticator authenticator;
    private final Json json;

    public ApiKeysController(ManageApiKeysUseCase keys, RequestAuthenticator authenticator, Json json) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.json = json;
    }

    @Post("/tokens")
    HttpResponse<IdentityWire.CreatedKey> create(HttpRequest<?> request, @PathVariable String user, @Body String body) {
        Principal principal = authenticator.require(request, Scope.of("api_key", "create"));
        IdentityWire.CreateTokenRequest req = json.read(body, IdentityWire.CreateTokenRequest.class);
        var issued = ApiException.unwrap(keys.createToken(principal, user,
                new CreateApiTokenCommand(req.token_name(), req.lifetime_seconds(), req.scopes(), req.allow_list())));
        return HttpResponse.created(new IdentityWire.CreatedKey(issued.plaintext()));
    }

    @Get("/tokens")
    List<IdentityWire.TokenResponse> list(HttpRequest<?> request, @PathVariable String user) {
        Principal principal = authenticator.require(request, Scope.of("api_key", "read"));
        return ApiException.unwrap(keys.listTokens(principal, user)).stream().map(IdentityWire.TokenResponse::of).toList();
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String user, @PathVariable String id) {
        Principal principal = authenticator.require(request, Scope.of("api_key", "delete"));
        ApiException.unwrap(keys.delete(principal, user, id));
        return HttpResponse.noContent();
    }
}
