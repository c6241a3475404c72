package io.portcullis.adapters.http.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.adapters.http.shared.ApiException;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.shared.Result;
import org.junit.jupiter.api.Test;

class ManagementErrorsTest {
    @Test
    void toExceptionWhenEachRefusalThenItsRestStatus() {
        ApiException invalid = ManagementErrors.toException(new OAuthManagementError.Invalid("redirect_uris", "bad"));
        assertThat(invalid.status().getCode()).isEqualTo(400);
        assertThat(invalid.error().validations()).singleElement()
                .satisfies(v -> assertThat(v.field() + " " + v.detail()).isEqualTo("redirect_uris bad"));
        assertThat(ManagementErrors.toException(new OAuthManagementError.NotFound("gone")).status().getCode())
                .isEqualTo(404);
        assertThat(ManagementErrors.toException(new OAuthManagementError.Forbidden("no")).status().getCode())
                .isEqualTo(403);
    }

    @Test
    void unwrapWhenOkThenValueElseException() {
        assertThat(ManagementErrors.unwrap(Result.<String, OAuthManagementError>ok("v"))).isEqualTo("v");
        assertThatThrownBy(() -> ManagementErrors.unwrap(Result.err(new OAuthManagementError.NotFound("gone"))))
                .isInstanceOf(ApiException.class).hasMessage("gone");
    }
}
