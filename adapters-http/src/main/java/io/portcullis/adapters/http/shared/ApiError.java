package io.portcullis.adapters.http.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** REST error body (PRODUCT §3): {@code {"message","detail"?,"validations"?}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String message, String detail, List<Validation> validations) {
    public ApiError(String message) {
        this(message, null, null);
    }

    public ApiError(String message, String detail) {
        this(message, detail, null);
    }

    /** One field that failed validation. */
    @Serdeable
    public record Validation(String field, String detail) {
    }
}
