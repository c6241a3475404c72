package io.portcullis.archfixture.application.alpha.port.in;

import io.portcullis.archfixture.application.alpha.port.out.AlphaRepository;

/** Deliberately broken: an inbound port whose result is an outbound port's type. */
public interface DoAlphaUseCase {
    AlphaRepository.Row doAlpha(Command command);

    /** Nested in the use case, so part of the inbound port. */
    record Command(String name) {
    }
}
