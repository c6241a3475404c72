package io.portcullis.archfixture.application.beta.service;

import io.portcullis.archfixture.application.alpha.port.in.DoAlphaUseCase;

/** Deliberately broken: beta uses alpha while alpha uses beta, a cycle between contexts. */
public class BetaService {
    private DoAlphaUseCase alpha;

    public void doBeta() {
        alpha.doAlpha(new DoAlphaUseCase.Command("from beta"));
    }
}
