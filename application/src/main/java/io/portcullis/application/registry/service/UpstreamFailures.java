package io.portcullis.application.registry.service;

import io.portcullis.domain.registry.RegistryError;

/** Words for an audit entry about an upstream failure: its kind and step only, never the upstream's own text. */
final class UpstreamFailures {
    private UpstreamFailures() {
    }

    static String describe(RegistryError.UpstreamFailure failure) {
        return failure instanceof RegistryError.UpstreamRejected rejected ? "upstream rejected: " + rejected.step()
                : "upstream unreachable";
    }
}
