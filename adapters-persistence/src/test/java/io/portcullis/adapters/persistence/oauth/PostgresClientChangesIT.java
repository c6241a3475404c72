package io.portcullis.adapters.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.testing.ChangeNoticesFixture;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.PrefixedSecret;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY on a real PostgreSQL: the V13 triggers announce every change to a client or one of its secrets on
 * commit (cascades included), and stay quiet for the secret's {@code last_used_at} bookkeeping.
 */
class PostgresClientChangesIT extends ChangeNoticesFixture {
    private JdbcOAuthClientRepository clients;
    private JdbcOAuthTokenRepositories.Secrets secrets;
    private OAuthClient client;
    private ClientSecret secret;

    private final ClientChangesPort.Listener recorder = new ClientChangesPort.Listener() {
        @Override
        public void clientChanged(UUID clientId) {
            events.add("a:" + clientId);
        }

        @Override
        public void everythingChanged() {
            events.add("*");
        }

        @Override
        public void listening() {
            events.add("listening");
        }

        @Override
        public void interrupted() {
            events.add("interrupted");
        }
    };

    @BeforeEach
    void setUp() throws InterruptedException {
        clients = context.getBean(JdbcOAuthClientRepository.class);
        secrets = context.getBean(JdbcOAuthTokenRepositories.Secrets.class);
        client = new OAuthClient(UUID.randomUUID(), ClientMetadata.validate(new ClientMetadata.Raw("c",
                List.of("https://a.example/cb"), "client_secret_basic", null, null, null, null, null, null, null, null, null,
                null, null)).value(), Optional.empty(), false, NOW, NOW);
        clients.insert(client);
        PrefixedSecret p = PrefixedSecret.mint(n -> new byte[n]);
        secret = new ClientSecret(UUID.randomUUID(), client.id(), p.prefix(), p.digest(), "abcd", NOW, null);
        secrets.insert(secret);
        listen(ClientChangeNotices.CHANNEL, ClientChangeNotices.APPLICATION_NAME,
                notifications -> new ClientChangeNotices(notifications).subscribe(recorder));
    }

    @Test
    void changeWhenSecretTouchedThenQuietAndWhenSecretOrClientChangedThenReported() throws Exception {
        secrets.touch(secret.id(), NOW.plusSeconds(120));
        assertThat(next(500)).as("last_used_at is not announced").isNull();

        secrets.delete(client.id(), secret.id());
        assertThat(next(1000)).isEqualTo("a:" + client.id());
        execute("UPDATE oauth2_app SET client_name = 'renamed' WHERE id = '" + client.id() + "'");
        assertThat(next(1000)).isEqualTo("a:" + client.id());
    }

    @Test
    void deleteWhenClientDeletedThenClientAndItsSecretsReported() throws Exception {
        assertThat(clients.delete(client.id())).isTrue();
        // the client's and its cascaded secret's announcements are identical: PostgreSQL delivers one
        assertThat(next(1000)).isEqualTo("a:" + client.id());
        assertThat(secrets.findByPrefix(secret.prefix())).isEmpty();
        execute("TRUNCATE oauth2_app CASCADE");
        assertThat(next(1000)).isEqualTo("*");
    }

    @Test
    void dispatchWhenPayloadUnreadableThenEverythingChanged() {
        ClientChangeNotices.dispatch("a:not-a-uuid", recorder);
        ClientChangeNotices.dispatch("?", recorder);
        assertThat(events).containsExactly("*", "*");
    }
}
