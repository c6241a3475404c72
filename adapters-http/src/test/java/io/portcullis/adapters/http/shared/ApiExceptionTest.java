package io.portcullis.adapters.http.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import io.portcullis.domain.identity.IdentityError;
import org.junit.jupiter.api.Test;

/** The one mapping of the identity context's refusals to REST answers. */
class ApiExceptionTest {
    @Test
    void ofWhenEachIdentityErrorThenItsStatus() {
        assertThat(ApiException.of(new IdentityError.Invalid("email", "is malformed")).status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(ApiException.of(new IdentityError.NotFound("No such user.")).status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(ApiException.of(new IdentityError.Conflict("taken")).status().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(ApiException.of(new IdentityError.Forbidden("owners only")).status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(ApiException.of(new IdentityError.BadCredentials("wrong")).status().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        ApiException throttled = ApiException.of(new IdentityError.Throttled("wait", 30));
        assertThat(throttled.status().getCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.getCode());
        assertThat(throttled.retryAfterSeconds()).contains(30L);
    }

    @Test
    void ofWhenInvalidThenValidationNamesTheField() {
        ApiError error = ApiException.of(new IdentityError.Invalid("email", "is malformed")).error();
        assertThat(error.message()).isEqualTo("Validation failed.");
        assertThat(error.validations()).containsExactly(new ApiError.Validation("email", "is malformed"));
    }
}
