package io.portcullis.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.portcullis.application.oauth.port.out.ClientMetadataDocumentPort;
import io.portcullis.domain.shared.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guarded fetcher against a real HTTP server on loopback. */
class HttpClientMetadataDocumentFetcherTest {
    private HttpServer server;
    private String base;
    private final JsonMapper json = JsonMapper.createDefault();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        route("/client.json", 200, "application/json", "{\"client_id\":\"%s/client.json\",\"client_name\":\"Agent\","
                + "\"redirect_uris\":[\"http://127.0.0.1:3000/cb\"],\"token_endpoint_auth_method\":\"none\"}");
        route("/secret.json", 200, "application/json", "{\"client_id\":\"x\",\"client_name\":\"A\",\"client_secret\":\"s\"}");
        route("/html", 200, "text/html", "<html></html>");
        route("/missing", 404, "application/json", "{}");
        route("/broken.json", 200, "application/json", "{\"client_id\":");
        route("/types.json", 200, "application/json", "{\"client_id\":\"x\",\"client_name\":\"A\",\"redirect_uris\":\"nope\"}");
        route("/huge.json", 200, "application/json", "{\"client_name\":\"" + "a".repeat(70_000) + "\"}");
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void route(String path, int status, String type, String body) {
        server.createContext(path, ex -> {
            byte[] bytes = body.replace("%s", base).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Result<ClientMetadataDocumentPort.Document, ClientMetadataDocumentPort.FetchFailure> fetch(String path, boolean allowPrivate) {
        return new HttpClientMetadataDocumentFetcher(new OutboundGuard(allowPrivate), json).fetch(base + path);
    }

    @Test
    void fetchWhenDocumentServedThenParsed() {
        ClientMetadataDocumentPort.Document doc = fetch("/client.json", true).value();
        assertThat(doc.clientId()).isEqualTo(base + "/client.json");
        assertThat(doc.metadata().clientName()).isEqualTo("Agent");
        assertThat(doc.metadata().redirectUris()).containsExactly("http://127.0.0.1:3000/cb");
        assertThat(doc.hasSecret()).isFalse();
        assertThat(fetch("/secret.json", true).value().hasSecret()).isTrue();
    }

    @Test
    void fetchWhenLoopbackAndPrivateAddressesNotAllowedThenRefusedWithoutRequest() {
        assertThat(fetch("/client.json", false).error().reason()).contains("private or internal address");
    }

    @Test
    void fetchWhenResponseUnfitThenShortReasons() {
        assertThat(fetch("/html", true).error().reason()).contains("not JSON");
        assertThat(fetch("/missing", true).error().reason()).contains("HTTP 404");
        assertThat(fetch("/broken.json", true).error().reason()).contains("not valid JSON");
        assertThat(fetch("/types.json", true).error().reason()).contains("redirect_uris must be an array of strings");
        assertThat(fetch("/huge.json", true).error().reason()).contains("larger than");
        assertThat(fetch("/redirect", true).error().reason()).contains("HTTP 302");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.0.1/x",
        "https://172.16.5.4/x", "https://169.254.169.254/latest", "https://100.64.0.1/x", "https://[::1]/x", "https://[fd00::1]/x",
        "https://0.0.0.0/x", "ftp://example.com/x"})
    void refuseWhenInternalOrNotHttpsThenReason(String url) {
        assertThat(new OutboundGuard(false).refuse(URI.create(url))).isPresent();
    }

    @Test
    void refuseWhenPrivateAllowedThenLoopbackHttpAdmittedButOtherHttpNot() {
        OutboundGuard dev = new OutboundGuard(true);
        assertThat(dev.refuse(URI.create("http://127.0.0.1:8080/c.json"))).isEmpty();
        assertThat(dev.refuse(URI.create("http://10.0.0.1/c.json"))).contains("only https URLs may be fetched");
        assertThat(new OutboundGuard(false).refuse(URI.create("https://93.184.216.34/c.json"))).isEmpty();
    }
}
