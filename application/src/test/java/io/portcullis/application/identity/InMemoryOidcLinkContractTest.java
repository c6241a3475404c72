package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.UserRepository;

/** The link contract on the in-memory store the application tests use. */
class InMemoryOidcLinkContractTest extends OidcLinkRepositoryContract {
    @Override
    protected OidcLinkRepository newRepository(UserRepository users) {
        return new InMemoryOidcLinkRepository();
    }

    @Override
    protected UserRepository newUsers() {
        return new InMemoryUserRepository();
    }
}
