package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.ResourceUri;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Store of registered resources (PRODUCT §7); the resource URI is unique. */
public interface RegisteredResourceRepository {
    /** False when another resource already has this URI. */
    boolean insert(RegisteredResource resource);

    /** False when another resource already has the new URI. */
    boolean update(RegisteredResource resource);

    Optional<RegisteredResource> findById(UUID id);

    Optional<RegisteredResource> findByResource(ResourceUri resource);

    List<RegisteredResource> list();

    boolean delete(UUID id);
}
