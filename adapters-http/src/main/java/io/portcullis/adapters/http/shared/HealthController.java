package io.portcullis.adapters.http.shared;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/** Liveness probe; touches nothing. */
@Controller("/healthz")
public final class HealthController {
    @Serdeable
    record Health(String status) {
    }

    private static final Health OK = new Health("ok");

    @Get
    Health health() {
        return OK;
    }
}
