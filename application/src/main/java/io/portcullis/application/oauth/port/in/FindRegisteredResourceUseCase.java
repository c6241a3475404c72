package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.ResourceUri;
import java.util.Optional;

/** The registered resource a resource indicator names, if any (for the consent page and resource servers' needs). */
public interface FindRegisteredResourceUseCase {
    Optional<RegisteredResource> find(ResourceUri resource);
}
