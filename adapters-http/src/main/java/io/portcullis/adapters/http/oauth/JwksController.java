package io.portcullis.adapters.http.oauth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.application.oauth.port.in.PublishSigningKeysUseCase;

/** The JWK Set (RFC 7517 §5) resource servers verify RFC 9068 access tokens with; {@code jwks_uri} in metadata. */
@Controller("/.well-known/jwks.json")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class JwksController {
    private final PublishSigningKeysUseCase keys;

    public JwksController(PublishSigningKeysUseCase keys) {
        this.keys = keys;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> jwks() {
        // the keys are JSON objects already; a short cache lets resource servers pick up a rotated key well within
        // the activation delay
        return HttpResponse.ok("{\"keys\":[" + String.join(",", keys.publishedKeys()) + "]}")
                .header("Cache-Control", "public, max-age=300");
    }
}
