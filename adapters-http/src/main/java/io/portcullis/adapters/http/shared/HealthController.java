package io.portcullis.adapters.http.shared;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.portcullis.application.housekeeping.port.in.CheckReadinessUseCase;

/** Liveness ({@code /healthz}, touches nothing) and readiness ({@code /readyz}, the database answers). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public final class HealthController {
    @Serdeable
    record Health(String status) {
    }

    private static final Health OK = new Health("ok");
    private final CheckReadinessUseCase readiness;

    public HealthController(CheckReadinessUseCase readiness) {
        this.readiness = readiness;
    }

    /**
     * On the network thread (ContinuingExecutorSelector honours a method's {@code @NonBlocking} under {@code thread-selection:
     * BLOCKING}, which would otherwise hand it to the blocking pool): it
     * touches nothing, and the hop cost more CPU than the whole answer (bench/run.sh, row a).
     */
    @Get("/healthz")
    @NonBlocking
    Health health() {
        return OK;
    }

    @Get("/readyz")
    HttpResponse<Health> ready() {
        return readiness.ready() ? HttpResponse.ok(OK)
                : HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("database unreachable"));
    }
}
