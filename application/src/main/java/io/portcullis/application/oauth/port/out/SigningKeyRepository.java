package io.portcullis.application.oauth.port.out;

import io.portcullis.domain.oauth.SigningKey;
import java.util.List;

/** The signing keys, private halves sealed at rest, shared by every replica. */
public interface SigningKeyRepository {
    List<SigningKey> list();

    /** Stores the first key unless some key exists already (another replica won); true when stored. */
    boolean insertFirst(SigningKey key);

    /** Inserts new keys and updates the retirement of known ones, in one transaction. */
    void save(List<SigningKey> keys);
}
