package io.portcullis.archfixture.application.alpha.service;

import io.portcullis.archfixture.application.alpha.port.in.DoAlphaUseCase;
import io.portcullis.archfixture.application.alpha.port.out.AlphaRepository;
import io.portcullis.archfixture.application.beta.port.out.BetaRepository;
import io.portcullis.archfixture.application.beta.service.BetaService;
import java.time.Clock;
import java.util.UUID;

/**
 * Deliberately broken: reaches into another context's service and outbound port instead of its inbound
 * port, reads the system clock, makes its own ids and reports an error as a string.
 */
public class AlphaService implements DoAlphaUseCase {
    private final AlphaRepository rows;
    private final BetaRepository betaRows;
    private final BetaService beta;

    public AlphaService(AlphaRepository rows, BetaRepository betaRows, BetaService beta) {
        this.rows = rows;
        this.betaRows = betaRows;
        this.beta = beta;
    }

    @Override
    public AlphaRepository.Row doAlpha(Command command) {
        betaRows.count();
        beta.doBeta();
        return rows.save(new Command(command.name() + UUID.randomUUID()));
    }

    io.portcullis.domain.shared.Result<Integer, String> count(String text) {
        return text.isBlank() ? io.portcullis.domain.shared.Result.err("empty") : io.portcullis.domain.shared.Result.ok(text.length());
    }

    Clock utc() {
        return Clock.systemUTC();
    }

    Clock local() {
        return Clock.systemDefaultZone();
    }

    Clock zoned() {
        return Clock.system(java.time.ZoneOffset.UTC);
    }
}
