package io.portcullis.adapters.persistence.shared;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Puts {@link FailFastDataSource} around each connection pool as it is created, before micronaut-data wraps it
 * (hence first in order): the transaction manager, the repositories and the readiness check all borrow through it.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE) // listeners are ordered by their bean definition, before any is instantiated
final class FailFastDataSourceInstaller implements BeanCreatedEventListener<DataSource>, Ordered {
    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource pool = event.getBean();
        if (pool instanceof FailFastDataSource || pool instanceof DelegatingDataSource) {
            return pool;
        }
        return new FailFastDataSource(pool);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
