package io.portcullis.application.testing;

import io.portcullis.application.identity.port.out.PasswordHashingPort;
import io.portcullis.domain.identity.Password;
import io.portcullis.domain.shared.SecretDigest;
import java.util.HexFormat;

/** A fast stand-in for the slow hasher in application tests; production wires Argon2id. */
public final class PlainTestHasher implements PasswordHashingPort {
    public int decoys;

    @Override
    public String hash(Password password) {
        return "test$" + HexFormat.of().formatHex(SecretDigest.of(password.value()).bytes());
    }

    @Override
    public boolean verify(String hash, String candidate) {
        return hash.equals("test$" + HexFormat.of().formatHex(SecretDigest.of(candidate).bytes()));
    }

    @Override
    public void decoyVerify(String candidate) {
        decoys++;
    }
}
