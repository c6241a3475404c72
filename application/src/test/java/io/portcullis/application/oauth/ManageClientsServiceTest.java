package io.portcullis.application.oauth;

import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.ManageClientsService;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthManagementError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The apps management API's refusals as typed values. */
class ManageClientsServiceTest {
    private final MutableClock clock = MutableClock.startingAt("2026-05-01T12:00:00Z");
    private final SeededRandom random = new SeededRandom(5);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(77));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryOAuthStore store = new InMemoryOAuthStore(new InMemoryApiKeyRepository(users));
    private final ManageClientsService apps = new ManageClientsService(store.clients, store.secrets,
            new ClientSecretIssuer(store.secrets, random, clock), random, clock, InvalidateCredentialsUseCase.NONE, audit);

    private Principal principal(String name, Role role) {
        User user = Fixtures.user(name, role, clock.instant());
        return new Principal(user, new ApiKeyFactory(random).mint(user.id(), LoginType.TOKEN, clock.instant(),
                Duration.ofDays(1), name, ScopeSet.ALL, AllowList.ANY, Optional.empty()).key());
    }

    private static ClientMetadata.Raw raw(List<String> redirects) {
        return new ClientMetadata.Raw("App", redirects, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void createWhenMemberThenForbiddenAndWhenBadRedirectThenInvalidNamingRedirectUris() {
        assertThat(apps.create(principal("bob", Role.MEMBER), raw(List.of("https://a.example/cb"))).error())
                .isEqualTo(new OAuthManagementError.Forbidden("only owners can create OAuth2 apps"));
        OAuthManagementError invalid = apps.create(principal("olga", Role.OWNER), raw(List.of("http://evil.example/cb")))
                .error();
        assertThat(invalid).isInstanceOf(OAuthManagementError.Invalid.class);
        assertThat(((OAuthManagementError.Invalid) invalid).field()).isEqualTo("redirect_uris");
    }

    @Test
    void getWhenUnknownThenNotFoundAndSecretsWhenMemberThenForbidden() {
        Principal owner = principal("olga", Role.OWNER);
        assertThat(apps.get(owner, "not-a-uuid").error()).isEqualTo(new OAuthManagementError.NotFound("OAuth2 app not found"));
        OAuthClient app = apps.create(owner, raw(List.of("https://a.example/cb"))).value();
        assertThat(apps.createSecret(principal("bob", Role.MEMBER), app.id().toString()).error())
                .isEqualTo(new OAuthManagementError.Forbidden("only owners can create app secrets"));
        assertThat(apps.createSecret(owner, app.id().toString()).value().plaintext()).startsWith("pcs_");
        assertThat(apps.deleteSecret(owner, app.id().toString(), "nope").error())
                .isEqualTo(new OAuthManagementError.NotFound("app secret not found"));
    }
}
