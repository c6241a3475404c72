package io.portcullis.bootstrap.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** A route that fails unexpectedly, present only in tests that set {@code portcullis.test.failing-route}. */
@Controller
@Requires(property = "portcullis.test.failing-route", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
public class FailingTestController {
    @Get("/test/fail")
    String fail() {
        throw new IllegalStateException("deliberate failure with internals that must not be shown");
    }

    @Get("/api/v2/test/fail")
    String failApi() {
        return fail();
    }
}
