package io.portcullis.bootstrap.database;

import io.portcullis.bootstrap.support.ServiceTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.portcullis.bootstrap.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under a running server (the default deployment: the embedded database): every request that
 * needs the database is answered 503 with {@code Retry-After} within 2 s, in its endpoint's error format, and
 * {@code /readyz} within 1 s; once PostgreSQL is back the same process serves again within 5 s (PRODUCT §12).
 */
class DatabaseOutageIT {
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    @TempDir
    Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer and how long it took; status -1 when none came within {@link #GIVE_UP}. */
    record Answer(String what, int status, long millis, String retryAfter, String contentType, String body) {
    }

    private Answer send(String what, HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(what, r.statusCode(), (System.nanoTime() - start) / 1_000_000,
                    r.headers().firstValue("Retry-After").orElse(null), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException e) {
            return new Answer(what, -1, (System.nanoTime() - start) / 1_000_000, null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestsWhenDatabaseStoppedThen503WithinBoundsAndRecoveryWithoutRestart() throws Exception {
        PostmasterControl postgres = null;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "portcullis.data-dir", dataDir.toString(), "portcullis.setup-code", ServiceTest.SETUP_CODE))) {
            // generous before the outage (Argon2id on a loaded machine); measured against 1 s / 2 s during it
            Function<String, HttpRequest.Builder> at = path -> HttpRequest.newBuilder(URI.create(server.getURL() + path))
                    .timeout(GIVE_UP);
            HttpResponse<String> created = http.send(at.apply("/api/v2/users/first").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"o@example.com\",\"username\":\"o\","
                            + "\"password\":\"owner-password-1\",\"setup_code\":\"" + ServiceTest.SETUP_CODE + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            String session = Json.text(http.send(at.apply("/api/v2/users/login").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"o@example.com\",\"password\":\"owner-password-1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body(), "session_token");
            HttpRequest me = at.apply("/api/v2/users/me").header("Authorization", "Bearer " + session).build();
            HttpRequest token = at.apply("/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=pcs_x&client_id=00000000-0000-4000-8000-000000000000"))
                    .build();
            HttpRequest home = at.apply("/").header("Accept", "text/html").header("Cookie", "portcullis_session_token=" + session)
                    .build();
            HttpRequest readyz = at.apply("/readyz").build();
            assertThat(send("me", me).status()).isEqualTo(200);
            assertThat(send("readyz", readyz).status()).isEqualTo(200);
            assertThat(io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                    server.getApplicationContext().getBean(javax.sql.DataSource.class)))
                    .as("every borrower goes through the fail-fast pool")
                    .isInstanceOf(io.portcullis.adapters.persistence.shared.FailFastDataSource.class);

            postgres = PostmasterControl.of(dataDir.resolve("postgres"));
            postgres.stop();
            // ten clients keep asking for four seconds while PostgreSQL is down
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(10);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            List<HttpRequest> rotation = List.of(me, token, home, readyz);
            List<String> names = List.of("me", "token", "home", "readyz");
            for (int c = 0; c < 10; c++) {
                int offset = c;
                clients.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i++) {
                        answers.add(send(names.get(i % 4), rotation.get(i % 4)));
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            postgres.start();
            long back = System.nanoTime();
            Answer ready = send("readyz", readyz);
            while (ready.status() != 200 && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(15)) {
                Thread.sleep(100);
                ready = send("readyz", readyz);
            }
            long recoveryMillis = (System.nanoTime() - back) / 1_000_000;
            System.out.printf("outage: %d answers; max ms by endpoint %s; recovery %d ms%n", answers.size(),
                    maxMillis(answers), recoveryMillis);

            assertThat(answers).hasSizeGreaterThan(40);
            for (Answer a : answers) {
                assertThat(a.status()).as("%s answered", a).isEqualTo(503);
                assertThat(a.millis()).as("%s answered in time", a).isLessThanOrEqualTo(a.what().equals("readyz") ? 1000 : 2000);
                if (a.what().equals("readyz")) {
                    continue;
                }
                assertThat(a.retryAfter()).as("%s Retry-After", a).isNotNull().matches("[1-9][0-9]*");
                switch (a.what()) {
                    case "me" -> assertThat(Json.object(a.body())).as("REST error").containsKey("message")
                            .doesNotContainKey("error");
                    case "token" -> assertThat(Json.object(a.body())).as("OAuth error")
                            .containsEntry("error", "temporarily_unavailable").containsKey("error_description");
                    default -> assertThat(a.contentType()).as("page").startsWith("text/html");
                }
            }
            assertThat(ready.status()).as("ready again").isEqualTo(200);
            assertThat(recoveryMillis).as("recovery").isLessThanOrEqualTo(5000);
            assertThat(send("me", me).status()).isEqualTo(200);
            assertThat(send("home", home).status()).isEqualTo(200);
        } finally {
            if (postgres != null) {
                postgres.stopIfRunning();
            }
        }
    }

    private static Map<String, Long> maxMillis(Iterable<Answer> answers) {
        Map<String, Long> max = new java.util.TreeMap<>();
        for (Answer a : answers) {
            max.merge(a.what() + "/" + a.status(), a.millis(), Math::max);
        }
        return max;
    }

    /**
     * Stops (fast shutdown, as {@code pg_ctl stop -m fast} does) and restarts the PostgreSQL server running on a data
     * directory behind the back of the process that started it, the way an operator or a crash would; restarted with
     * the same binary and arguments (port, settings). As root it runs in a user namespace, as io.zonky does, because
     * PostgreSQL refuses to run as root.
     */
    static final class PostmasterControl {
        private final Path data;
        private final List<String> command;
        private ProcessHandle postmaster;

        private PostmasterControl(Path data, List<String> command, ProcessHandle postmaster) {
            this.data = data;
            this.command = command;
            this.postmaster = postmaster;
        }

        static PostmasterControl of(Path data) throws Exception {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            List<String> command = new ArrayList<>();
            command.add(handle.info().command().orElseThrow());
            command.addAll(List.of(handle.info().arguments().orElseThrow()));
            return new PostmasterControl(data, command, handle);
        }

        void stop() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).start();
            assertThat(kill.waitFor()).isZero();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        }

        /** After the test: a postmaster this class started must not outlive it. */
        void stopIfRunning() throws Exception {
            if (postmaster.isAlive()) {
                stop();
            }
        }

        void start() throws Exception {
            List<String> line = new ArrayList<>(command);
            if ("root".equals(System.getProperty("user.name"))) {
                line.addAll(0, List.of("unshare", "-U"));
            }
            Process started = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(data.resolveSibling("restarted.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Path pidFile = data.resolve("postmaster.pid");
                if (java.nio.file.Files.exists(pidFile)
                        && java.nio.file.Files.readString(pidFile).contains("ready")) {
                    break;
                }
                Thread.sleep(50);
            }
            // unshare replaces itself with postgres: the process started is the postmaster
            postmaster = started.toHandle();
        }
    }
}
