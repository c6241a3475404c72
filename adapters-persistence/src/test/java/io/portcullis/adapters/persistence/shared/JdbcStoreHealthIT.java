package io.portcullis.adapters.persistence.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.adapters.persistence.testing.TestPostgres;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcStoreHealthIT {
    @Test
    void reachableWhenDatabaseAnswersThenTrueAndWhenConnectionsFailThenFalse() {
        assertThat(new JdbcStoreHealth(TestPostgres.newMigratedDatabase()).reachable()).isTrue();
        DataSource broken = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLException("connection refused");
                });
        assertThat(new JdbcStoreHealth(broken).reachable()).isFalse();
    }
}
