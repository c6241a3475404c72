package io.portcullis.application.registry.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.registry.RegistryError;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** The owner console's connection test: discovery against a registered server, registering nothing (PRODUCT §11). */
public interface TestMcpServerConnectionUseCase {
    Result<ConnectionReport, RegistryError> test(Principal actor, String serverId);

    /** {@code ok}: the server can be used as configured; {@code summary} in words; {@code found}: what was discovered. */
    record ConnectionReport(boolean ok, String summary, List<String> found) {
    }
}
