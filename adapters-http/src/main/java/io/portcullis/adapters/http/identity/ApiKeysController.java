package io.portcullis.adapters.http.identity;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.application.identity.port.in.CreateApiTokenCommand;
import io.portcullis.application.identity.port.in.ManageApiKeysUseCase;
import io.portcullis.application.identity.port.in.Principal;
import java.util.List;

/** API tokens of a user (PRODUCT §3). */
@Controller("/api/v2/users/{user}/keys")
public final class ApiKeysController {
    private final ManageApiKeysUseCase keys;
    private final Json json;

    public ApiKeysController(ManageApiKeysUseCase keys, Json json) {
        this.keys = keys;
        this.json = json;
    }

    @Post("/tokens")
    @RequiresScope("api_key:create")
    HttpResponse<IdentityWire.CreatedKey> create(Principal principal, @PathVariable String user, @Body String body) {
        IdentityWire.CreateTokenRequest req = json.read(body, IdentityWire.CreateTokenRequest.class);
        var issued = ApiException.unwrap(keys.createToken(principal, user,
                new CreateApiTokenCommand(req.token_name(), req.lifetime_seconds(), req.scopes(), req.allow_list())));
        return HttpResponse.created(new IdentityWire.CreatedKey(issued.plaintext()));
    }

    @Get("/tokens")
    @RequiresScope("api_key:read")
    List<IdentityWire.TokenResponse> list(Principal principal, @PathVariable String user) {
        return ApiException.unwrap(keys.listTokens(principal, user)).stream().map(IdentityWire.TokenResponse::of).toList();
    }

    @Delete("/{id}")
    @RequiresScope("api_key:delete")
    HttpResponse<Void> delete(Principal principal, @PathVariable String user, @PathVariable String id) {
        ApiException.unwrap(keys.delete(principal, user, id));
        return HttpResponse.noContent();
    }
}
