package io.portcullis.application.oauth.port.in;

import java.util.List;

/** The public signing keys resource servers verify JWT access tokens with (RFC 7517 JWK Set). */
public interface PublishSigningKeysUseCase {
    /** The public JWKs (JSON objects) published now; creates the first key when none exists. */
    List<String> publishedKeys();
}
