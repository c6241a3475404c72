package io.portcullis.adapters.http.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.adapters.http.shared.Json;
import io.portcullis.adapters.http.shared.ServerUrls;
import io.portcullis.application.oauth.port.in.AdmitRegistrationUseCase;
import io.portcullis.application.oauth.port.in.RegisterClientUseCase;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.oauth.OAuthPolicy;
import io.portcullis.domain.oauth.RedirectUri;
import io.portcullis.domain.shared.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dynamic Client Registration (RFC 7591 §3) and its management protocol (RFC 7592 §2). */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
public final class RegistrationController {
    private final RegisterClientUseCase registration;
    private final OAuthPolicy policy;
    private final ServerUrls urls;
    private final Json json;
    private final AdmitRegistrationUseCase rateLimit;
    private final ClientAddressResolver clientAddresses;

    public RegistrationController(RegisterClientUseCase registration, OAuthPolicy policy, ServerUrls urls, Json json,
            AdmitRegistrationUseCase rateLimit, ClientAddressResolver clientAddresses) {
        this.registration = registration;
        this.policy = policy;
        this.urls = urls;
        this.json = json;
        this.rateLimit = rateLimit;
        this.clientAddresses = clientAddresses;
    }

    /** RFC 7591 §2 client metadata as sent. */
    @Serdeable
    record MetadataRequest(String client_name, List<String> redirect_uris, String token_endpoint_auth_method,
            List<String> grant_types, List<String> response_types, String scope, String client_uri, String logo_uri,
            String tos_uri, String policy_uri, List<String> contacts, String software_id, String software_version,
            String client_id, String client_secret) {
        ClientMetadata.Raw raw() {
            return new ClientMetadata.Raw(client_name, redirect_uris, token_endpoint_auth_method, grant_types, response_types,
                    scope, client_uri, logo_uri, tos_uri, policy_uri, contacts, software_id, software_version, null);
        }
    }

    @Post(value = "/register", produces = MediaType.APPLICATION_JSON, consumes = MediaType.APPLICATION_JSON)
    HttpResponse<Object> register(HttpRequest<?> http, @Nullable @Body String body) {
        if (!policy.dynamicRegistration()) {
            return OAuthResponses.noStore(HttpResponse.status(HttpStatus.NOT_FOUND))
                    .body(OAuthResponses.body(new OAuthError.InvalidRequest("dynamic client registration is disabled")));
        }
        java.util.Optional<java.time.Duration> wait = rateLimit.admit(clientAddresses.resolve(http));
        if (wait.isPresent()) {
            return OAuthResponses.noStore(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS))
                    .header("Retry-After", String.valueOf(Math.max(1, wait.get().toSeconds())))
                    .body(OAuthResponses.body(new OAuthError.InvalidRequest(
                            "too many registrations from this address; try again later")));
        }
        MetadataRequest request;
        try {
            request = json.read(body, MetadataRequest.class);
        } catch (ApiException e) {
            return OAuthResponses.error(metadataError(e), false);
        }
        Result<RegisteredClient, OAuthError> result = registration.register(request.raw(), clientAddresses.resolve(http));
        if (!result.isOk()) {
            return OAuthResponses.error(result.error(), false);
        }
        RegisteredClient registered = result.value();
        Map<String, Object> out = describe(registered.client());
        registered.clientSecret().ifPresent(secret -> {
            out.put("client_secret", secret);
            out.put("client_secret_expires_at", 0);
        });
        registered.registrationAccessToken().ifPresent(t -> out.put("registration_access_token", t));
        return OAuthResponses.noStore(HttpResponse.status(HttpStatus.CREATED)).body(out);
    }

    @Get(value = "/clients/{clientId}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Object> read(HttpRequest<?> request, @PathVariable String clientId) {
        return answer(registration.read(clientId, bearer(request)));
    }

    @Put(value = "/clients/{clientId}", produces = MediaType.APPLICATION_JSON, consumes = MediaType.APPLICATION_JSON)
    HttpResponse<Object> update(HttpRequest<?> request, @PathVariable String clientId, @Nullable @Body String body) {
        String token = bearer(request);
        Result<OAuthClient, OAuthError> allowed = registration.read(clientId, token);
        if (!allowed.isOk()) {
            return OAuthResponses.error(allowed.error(), false);
        }
        MetadataRequest metadata;
        try {
            metadata = json.read(body, MetadataRequest.class);
        } catch (ApiException e) {
            return OAuthResponses.error(metadataError(e), false);
        }
        if (metadata.client_id() != null && !metadata.client_id().equals(clientId)) {
            return OAuthResponses.error(new OAuthError.InvalidRequest("client_id in the body must match the URL"), false);
        }
        return answer(registration.update(clientId, token, metadata.raw(), clientAddresses.resolve(request)));
    }

    @Delete("/clients/{clientId}")
    HttpResponse<Object> delete(HttpRequest<?> request, @PathVariable String clientId) {
        Result<Void, OAuthError> result = registration.delete(clientId, bearer(request), clientAddresses.resolve(request));
        return result.isOk() ? OAuthResponses.noStore(HttpResponse.noContent()) : OAuthResponses.error(result.error(), false);
    }

    private HttpResponse<Object> answer(Result<OAuthClient, OAuthError> result) {
        if (!result.isOk()) {
            return OAuthResponses.error(result.error(), false);
        }
        return OAuthResponses.noStore(HttpResponse.ok(describe(result.value())));
    }

    private Map<String, Object> describe(OAuthClient client) {
        ClientMetadata m = client.metadata();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", client.id().toString());
        out.put("client_id_issued_at", client.createdAt().getEpochSecond());
        out.put("registration_client_uri", urls.url("/oauth2/clients/" + client.id()));
        putIfPresent(out, "client_name", m.clientName());
        out.put("redirect_uris", m.redirectUris().stream().map(RedirectUri::value).toList());
        out.put("token_endpoint_auth_method", m.tokenEndpointAuthMethod());
        out.put("grant_types", m.grantTypes());
        out.put("response_types", m.responseTypes());
        m.scope().ifPresent(s -> out.put("scope", s.spaceDelimited()));
        putIfPresent(out, "client_uri", m.clientUri());
        putIfPresent(out, "logo_uri", m.logoUri());
        putIfPresent(out, "tos_uri", m.tosUri());
        putIfPresent(out, "policy_uri", m.policyUri());
        if (!m.contacts().isEmpty()) {
            out.put("contacts", m.contacts());
        }
        putIfPresent(out, "software_id", m.softwareId());
        putIfPresent(out, "software_version", m.softwareVersion());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split(" +", 2);
        return parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer") ? parts[1].trim() : null;
    }

    private static OAuthError metadataError(ApiException e) {
        String detail = e.error().validations() != null && !e.error().validations().isEmpty()
                ? e.error().validations().get(0).field() + " " + e.error().validations().get(0).detail()
                : e.error().message() + (e.error().detail() == null ? "" : " " + e.error().detail());
        return new OAuthError.InvalidClientMetadata(detail);
    }
}
