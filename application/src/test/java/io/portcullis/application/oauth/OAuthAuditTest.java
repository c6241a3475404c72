package io.portcullis.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.oauth.port.in.AuthorizeUseCase.ValidatedAuthorization;
import io.portcullis.application.oauth.port.in.ExchangeAuthorizationCodeCommand;
import io.portcullis.application.oauth.port.in.ManageClientsUseCase.IssuedSecret;
import io.portcullis.application.oauth.port.in.RefreshAccessTokenCommand;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.in.TokenResponse;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.ManageClientsService;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.audit.AuditAction;
import io.portcullis.domain.audit.AuditEntry;
import io.portcullis.domain.audit.AuditEvent;
import io.portcullis.domain.audit.AuditOutcome;
import io.portcullis.domain.identity.AllowList;
import io.portcullis.domain.identity.ApiKeyFactory;
import io.portcullis.domain.identity.LoginType;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.identity.User;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.OAuthError;
import io.portcullis.domain.shared.ClientAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit entries of the authorization server's use cases (PRODUCT §11), on in-memory adapters. */
class OAuthAuditTest extends OAuthServiceTestBase {
    static final ClientAddress FROM = new ClientAddress("192.0.2.44");
    final ManageClientsService apps = new ManageClientsService(store.clients, store.secrets,
            new ClientSecretIssuer(store.secrets, random, clock), random, clock, InvalidateCredentialsUseCase.NONE, audit);
    final List<String> secrets = new ArrayList<>();

    AuditEntry only(AuditAction action) {
        List<AuditEntry> entries = auditLog.of(action);
        assertThat(entries).as(action.wire()).hasSize(1);
        return entries.get(0);
    }

    static void assertEntry(AuditEntry entry, Optional<?> user, Optional<String> client, String targetType, Object targetId,
            AuditOutcome outcome) {
        AuditEvent e = entry.event();
        assertThat(e.actor().userId()).as("actor user").isEqualTo(user);
        assertThat(e.actor().clientId()).as("actor client").isEqualTo(client);
        assertThat(e.actor().address()).as("client address").contains(FROM);
        assertThat(e.targetType()).contains(targetType);
        assertThat(e.targetId()).contains(String.valueOf(targetId));
        assertThat(e.outcome()).isEqualTo(outcome);
    }

    void assertNoSecretRecorded() {
        assertThat(secrets).isNotEmpty();
        for (AuditEntry entry : auditLog.all()) {
            for (String secret : secrets) {
                assertThat(entry.toString()).doesNotContain(secret);
            }
        }
    }

    Principal owner() {
        User user = Fixtures.user("olga", Role.OWNER, clock.instant());
        return new Principal(user, new ApiKeyFactory(random).mint(user.id(), LoginType.TOKEN, clock.instant(),
                Duration.ofDays(1), "olga", ScopeSet.ALL, AllowList.ANY, Optional.empty()).key()).from(FROM);
    }

    TokenResponse tokens(RegisteredClient c) {
        ValidatedAuthorization v = authorize.validate(request(c.client(), null, null, null)).value();
        String code = authorize.approve(v, alice.id(), FROM);
        secrets.add(code);
        TokenResponse t = exchange.exchange(new ExchangeAuthorizationCodeCommand(auth(c), code, VERIFIER, null, null, FROM))
                .value();
        secrets.add(t.accessToken());
        secrets.add(t.refreshToken());
        return t;
    }

    @Test
    void consentAndGrantsWhenUsedThenAllowIssueRefreshRevokeRecordedWithClientAndUser() {
        c(confidential);
        TokenResponse first = tokens(confidential);
        Optional<String> client = Optional.of(confidential.client().id().toString());
        AuditEntry allow = only(AuditAction.OAUTH2_CONSENT_ALLOW);
        assertEntry(allow, Optional.of(alice.id()), client, "oauth2_client", confidential.client().id(), AuditOutcome.SUCCESS);
        AuditEntry issued = only(AuditAction.OAUTH2_TOKEN_ISSUE);
        String grantId = issued.event().targetId().orElseThrow();
        assertEntry(issued, Optional.of(alice.id()), client, "oauth2_grant", grantId, AuditOutcome.SUCCESS);
        assertThat(issued.event().detail().orElse("")).contains("grant_type=authorization_code");
        TokenResponse second = refresh.refresh(new RefreshAccessTokenCommand(auth(confidential), first.refreshToken(), null,
                null, FROM)).value();
        secrets.add(second.accessToken());
        secrets.add(second.refreshToken());
        assertThat(auditLog.of(AuditAction.OAUTH2_TOKEN_ISSUE)).hasSize(2);
        assertThat(auditLog.of(AuditAction.OAUTH2_TOKEN_ISSUE).get(1).event().detail().orElse(""))
                .contains("grant_type=refresh_token");
        revocation.revoke(auth(confidential), second.accessToken(), null, FROM);
        assertEntry(only(AuditAction.OAUTH2_REVOKE), Optional.of(alice.id()), client, "oauth2_grant", grantId,
                AuditOutcome.SUCCESS);
        revocation.revoke(auth(confidential), second.refreshToken(), null, FROM);
        assertThat(auditLog.of(AuditAction.OAUTH2_REVOKE)).hasSize(2);
        assertThat(auditLog.of(AuditAction.OAUTH2_REVOKE).get(1).event().detail()).contains("token_type=refresh_token");
        revocation.revoke(auth(confidential), "not-a-token", null, FROM);
        assertThat(auditLog.of(AuditAction.OAUTH2_REVOKE)).as("nothing revoked, nothing recorded").hasSize(2);
        assertNoSecretRecorded();
    }

    @Test
    void refreshWhenReusedThenGrantRevokedAndReuseRecordedAsFailure() {
        c(confidential);
        TokenResponse first = tokens(confidential);
        refresh.refresh(new RefreshAccessTokenCommand(auth(confidential), first.refreshToken(), null, null, FROM)).value();
        OAuthError reuse = refresh.refresh(new RefreshAccessTokenCommand(auth(confidential), first.refreshToken(), null,
                null, FROM)).error();
        assertThat(reuse).isInstanceOf(OAuthError.RefreshTokenReused.class);
        AuditEntry caught = only(AuditAction.OAUTH2_REFRESH_REUSE_DETECTED);
        assertEntry(caught, Optional.of(alice.id()), Optional.of(confidential.client().id().toString()), "oauth2_grant",
                auditLog.of(AuditAction.OAUTH2_TOKEN_ISSUE).get(0).event().targetId().orElseThrow(), AuditOutcome.FAILURE);
        assertThat(store.grants.listByUser(alice.id())).isEmpty();
        assertNoSecretRecorded();
    }

    @Test
    void consentWhenDeniedThenDenyRecordedAndNoCode() {
        ValidatedAuthorization v = authorize.validate(request(publicClient.client(), null, null, null)).value();
        authorize.deny(v, alice.id(), FROM);
        assertEntry(only(AuditAction.OAUTH2_CONSENT_DENY), Optional.of(alice.id()),
                Optional.of(publicClient.client().id().toString()), "oauth2_client", publicClient.client().id(),
                AuditOutcome.FAILURE);
        assertThat(auditLog.of(AuditAction.OAUTH2_CONSENT_ALLOW)).isEmpty();
    }

    @Test
    void dynamicRegistrationWhenRegisteredUpdatedDeletedThenClientIsActorAndTarget() {
        RegisteredClient registered = clients.register(raw(List.of("https://x.example/cb"), "client_secret_basic", null), FROM)
                .value();
        c(registered);
        String id = registered.client().id().toString();
        String token = registered.registrationAccessToken().orElseThrow();
        clients.update(id, token, raw(List.of("https://x.example/cb2"), "client_secret_basic", null), FROM).value();
        clients.delete(id, token, FROM).value();
        for (AuditAction action : List.of(AuditAction.OAUTH2_CLIENT_REGISTER, AuditAction.OAUTH2_CLIENT_UPDATE,
                AuditAction.OAUTH2_CLIENT_DELETE)) {
            // set-up registered two clients before this one
            List<AuditEntry> mine = auditLog.of(action).stream().filter(e -> e.event().targetId().equals(Optional.of(id)))
                    .toList();
            assertThat(mine).as(action.wire()).hasSize(1);
            assertEntry(mine.get(0), Optional.empty(), Optional.of(id), "oauth2_client", id, AuditOutcome.SUCCESS);
        }
        assertThat(clients.delete(id, token, FROM).isOk()).isFalse();
        assertThat(auditLog.of(AuditAction.OAUTH2_CLIENT_DELETE)).as("refused: not recorded again").hasSize(1);
        assertNoSecretRecorded();
    }

    @Test
    void appsApiWhenOwnerManagesAnAppThenEveryChangeRecorded() {
        Principal owner = owner();
        OAuthClient app = apps.create(owner, raw(List.of("https://a.example/cb"), "client_secret_basic", null)).value();
        apps.update(owner, app.id().toString(), raw(List.of("https://a.example/cb2"), "client_secret_basic", null)).value();
        IssuedSecret secret = apps.createSecret(owner, app.id().toString()).value();
        secrets.add(secret.plaintext());
        apps.deleteSecret(owner, app.id().toString(), secret.secret().id().toString()).value();
        apps.delete(owner, app.id().toString()).value();
        Optional<Object> user = Optional.of(owner.user().id());
        for (AuditAction action : List.of(AuditAction.OAUTH2_APP_CREATE, AuditAction.OAUTH2_APP_UPDATE,
                AuditAction.OAUTH2_APP_DELETE)) {
            assertEntry(only(action), user, Optional.empty(), "oauth2_client", app.id(), AuditOutcome.SUCCESS);
        }
        for (AuditAction action : List.of(AuditAction.OAUTH2_APP_SECRET_CREATE, AuditAction.OAUTH2_APP_SECRET_DELETE)) {
            assertEntry(only(action), user, Optional.empty(), "oauth2_client_secret", secret.secret().id(),
                    AuditOutcome.SUCCESS);
        }
        assertNoSecretRecorded();
    }

    @Test
    void grantsApiWhenUserRevokesAnAppThenRevokeRecorded() {
        tokens(publicClient);
        Principal alicePrincipal = new Principal(alice, new ApiKeyFactory(random).mint(alice.id(), LoginType.PASSWORD,
                clock.instant(), Duration.ofDays(1), null, ScopeSet.ALL, AllowList.ANY, Optional.empty()).key()).from(FROM);
        grants.revoke(alicePrincipal, publicClient.client().id().toString()).value();
        AuditEntry revoked = only(AuditAction.OAUTH2_REVOKE);
        assertEntry(revoked, Optional.of(alice.id()), Optional.empty(), "oauth2_client", publicClient.client().id(),
                AuditOutcome.SUCCESS);
        assertThat(revoked.event().detail()).contains("grants=1");
        assertNoSecretRecorded();
    }

    /** Remembers a client's secrets, which no entry may contain. */
    void c(RegisteredClient client) {
        client.clientSecret().ifPresent(secrets::add);
        client.registrationAccessToken().ifPresent(secrets::add);
    }
}
