package io.portcullis.archfixture.application.alpha.port.out;

import io.portcullis.archfixture.application.alpha.port.in.DoAlphaUseCase;

/** Deliberately broken: an outbound port that takes an inbound port's command. */
public interface AlphaRepository {
    Row save(DoAlphaUseCase.Command command);

    /** Nested in the port, so part of the outbound port. */
    record Row(String name) {
    }
}
