package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Every answer carries an RFC 9110 {@code Date} (IMF-fixdate) of now: successes, refusals, errors, pages, assets. */
@MicronautTest
class DateHeaderIT extends ServiceTest {
    private static void assertDatedNow(HttpResponse<String> response) {
        String date = response.headers().firstValue("Date").orElse(null);
        assertThat(date).as(response.uri() + " " + response.statusCode()).isNotNull()
                .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                        + "\\d\\d:\\d\\d:\\d\\d GMT");
        Instant stamped = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(Duration.between(stamped, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(response.headers().allValues("Date")).hasSize(1);
    }

    @Test
    void answersWhenAnyKindThenEachCarriesOneDateOfNow() {
        assertDatedNow(get("/healthz"));
        assertDatedNow(get("/api/v2/users/me"));
        assertDatedNow(get("/no/such/path"));
        assertDatedNow(get("/login"));
        assertDatedNow(get("/assets/portcullis.css"));
        assertDatedNow(get("/.well-known/oauth-authorization-server"));
        assertDatedNow(send(request("/oauth2/token", "Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("grant_type=nonsense")).build()));
        assertDatedNow(send(request("/api/v2/users/first", "Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{not json")).build()));
        HttpResponse<String> tooLarge = send(request("/api/v2/users/first", "Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}")).build());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertDatedNow(tooLarge);
    }
}
