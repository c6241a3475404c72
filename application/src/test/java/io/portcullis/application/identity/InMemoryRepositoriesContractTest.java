package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.ApiKeyRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import org.junit.jupiter.api.Nested;

/** Runs the identity port contracts against the in-memory adapters. */
class InMemoryRepositoriesContractTest {
    @Nested
    class Users extends UserRepositoryContract {
        @Override
        protected UserRepository newRepository() {
            return new InMemoryUserRepository();
        }
    }

    @Nested
    class Keys extends ApiKeyRepositoryContract {
        @Override
        protected UserRepository newUserRepository() {
            return new InMemoryUserRepository();
        }

        @Override
        protected ApiKeyRepository newRepository(UserRepository users) {
            return new InMemoryApiKeyRepository(users);
        }
    }
}
