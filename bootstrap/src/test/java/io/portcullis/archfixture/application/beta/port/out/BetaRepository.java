package io.portcullis.archfixture.application.beta.port.out;

/** An outbound port of the beta context; only beta may use it. */
public interface BetaRepository {
    int count();
}
