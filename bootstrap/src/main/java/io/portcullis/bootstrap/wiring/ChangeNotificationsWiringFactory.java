package io.portcullis.bootstrap.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.portcullis.adapters.persistence.identity.CredentialChangeNotices;
import io.portcullis.adapters.persistence.oauth.ClientChangeNotices;
import io.portcullis.adapters.persistence.registry.RegistryChangeNotices;
import io.portcullis.adapters.persistence.shared.PostgresNotifications;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import io.portcullis.application.oauth.port.out.ClientChangesPort;
import io.portcullis.application.registry.port.out.RegistryChangesPort;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * The change notifications PostgreSQL announces on commit, one {@code LISTEN} connection per channel (credentials,
 * clients, registry), each closed at shutdown, and the ports the caches subscribe to.
 */
@Factory
class ChangeNotificationsWiringFactory {
    @Singleton
    @Named(CredentialChangeNotices.CHANNEL)
    @Bean(preDestroy = "close")
    PostgresNotifications credentialNotifications(DataSource dataSource) {
        return PostgresNotifications.of(dataSource, CredentialChangeNotices.CHANNEL, CredentialChangeNotices.APPLICATION_NAME);
    }

    @Singleton
    CredentialChangesPort credentialChanges(@Named(CredentialChangeNotices.CHANNEL) PostgresNotifications notifications) {
        return new CredentialChangeNotices(notifications);
    }

    @Singleton
    @Named(ClientChangeNotices.CHANNEL)
    @Bean(preDestroy = "close")
    PostgresNotifications clientNotifications(DataSource dataSource) {
        return PostgresNotifications.of(dataSource, ClientChangeNotices.CHANNEL, ClientChangeNotices.APPLICATION_NAME);
    }

    @Singleton
    ClientChangesPort clientChanges(@Named(ClientChangeNotices.CHANNEL) PostgresNotifications notifications) {
        return new ClientChangeNotices(notifications);
    }

    @Singleton
    @Named(RegistryChangeNotices.CHANNEL)
    @Bean(preDestroy = "close")
    PostgresNotifications registryNotifications(DataSource dataSource) {
        return PostgresNotifications.of(dataSource, RegistryChangeNotices.CHANNEL, RegistryChangeNotices.APPLICATION_NAME);
    }

    @Singleton
    RegistryChangesPort registryChanges(@Named(RegistryChangeNotices.CHANNEL) PostgresNotifications notifications) {
        return new RegistryChangeNotices(notifications);
    }
}
