package io.portcullis.bootstrap.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When no {@code datasources.default.url} is configured, starts an embedded PostgreSQL whose data lives
 * in {@code <portcullis.data-dir>/postgres} (kept across restarts; its password in
 * {@code <portcullis.data-dir>/postgres.password}) and points the default pool at it.
 * With a configured URL it starts nothing.
 */
@Singleton
public final class EmbeddedDatabaseStarter implements BeanInitializedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseStarter.class);
    private final Path dataDir;
    private EmbeddedDatabase database;

    public EmbeddedDatabaseStarter(@Value("${portcullis.data-dir:./.portcullis}") String dataDir) {
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (!"default".equals(config.getName()) || config.getConfiguredUrl() != null) {
            return config;
        }
        synchronized (this) {
            if (database == null) {
                database = EmbeddedDatabase.start(dataDir.resolve("postgres"));
                LOG.info("No datasource configured: started embedded PostgreSQL with data in {}", dataDir.resolve("postgres"));
            }
        }
        config.setUrl(database.jdbcUrl("postgres"));
        config.setUsername("postgres");
        config.setPassword(database.password());
        return config;
    }

    @PreDestroy
    synchronized void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
