package io.portcullis.adapters.discovery;

import io.portcullis.domain.shared.Ascii;
import io.portcullis.domain.shared.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one outbound HTTP/1.1 client of Portcullis: every URL passes {@link OutboundGuard}, and the connection goes
 * to the very address the guard vetted — the host name is not resolved a second time, so a DNS answer that
 * changes between check and connect (DNS rebinding) cannot redirect the request — while the {@code Host} header,
 * TLS SNI and certificate checks use the original name. No redirects are followed; connect and total time and the
 * response size are capped per call; one request per connection.
 *
 * <p>Written on sockets rather than the JDK {@code HttpClient} or Micronaut's client because neither lets a
 * caller pin the address a request connects to.
 */
public final class GuardedHttpClient {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Headers this client writes itself; a caller may not set them. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive");
    private final OutboundGuard guard;
    private final SSLSocketFactory tls;

    public GuardedHttpClient(OutboundGuard guard) {
        this(guard, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    GuardedHttpClient(OutboundGuard guard, SSLSocketFactory tls) {
        this.guard = guard;
        this.tls = tls;
    }

    /** How long to wait for the connection and for the whole exchange, and how many body bytes to accept. */
    public record Limits(Duration connectTimeout, Duration timeout, int maxBytes) {
    }

    /** One request; {@code headers} in the order given, {@code body} may be empty. */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            headers = new LinkedHashMap<>(headers);
            body = body == null ? new byte[0] : body;
        }

        public static Request get(URI uri, Map<String, String> headers) {
            return new Request("GET", uri, headers, new byte[0]);
        }
    }

    /** The answer, whole; header names are lower case, each with all its values. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** Why no response came back. */
    public sealed interface Failure {
        String reason();
    }

    /** The guard refused the URL (scheme, unresolvable, private or internal address). */
    public record Refused(String reason) implements Failure {
    }

    /** The request cannot be written as given (a header that is restricted or not valid HTTP). */
    public record Unsendable(String reason) implements Failure {
    }

    /** Connecting, TLS, writing or reading failed or took too long; {@code reason} names the exception kind. */
    public record Unreachable(String reason) implements Failure {
    }

    /** The response body is larger than the limit. */
    public record TooLarge(int maxBytes) implements Failure {
        @Override
        public String reason() {
            return "the answer is larger than " + maxBytes + " bytes";
        }
    }

    public Result<Response, Failure> send(Request request, Limits limits) {
        Result<InetAddress, Refused> vetted = guard.vet(request.uri());
        if (!vetted.isOk()) {
            return Result.err(vetted.error());
        }
        Optional<String> unsendable = unsendable(request);
        if (unsendable.isPresent()) {
            return Result.err(new Unsendable(unsendable.get()));
        }
        URI uri = request.uri();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(vetted.value(), port), (int) Math.max(1, limits.connectTimeout().toMillis()));
            Socket channel = socket;
            if (https) {
                channel = handshake(socket, hostName(uri), port, deadline);
            }
            try (Socket open = channel) {
                OutputStream out = open.getOutputStream();
                out.write(head(request, port, https));
                out.write(request.body());
                out.flush();
                return read(new DeadlineInputStream(open, deadline), request.method(), limits.maxBytes());
            }
        } catch (IOException e) {
            return Result.err(new Unreachable(e.getClass().getSimpleName()));
        }
    }

    private Socket handshake(Socket socket, String host, int port, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // verify the certificate against the name asked for, not the address connected to
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static String hostName(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Why {@code request} cannot be written as given, or empty (also checked by {@link UpstreamStreams}). */
    static Optional<String> unsendable(Request request) {
        if (!Ascii.isHttpToken(request.method())) {
            return Optional.of("the method is not valid HTTP");
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            if (!Ascii.isHttpToken(name)) {
                return Optional.of("a configured header cannot be sent: invalid header name \"" + name + "\"");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("a configured header cannot be sent: restricted header name: \"" + name + "\"");
            }
            String value = h.getValue() == null ? "" : h.getValue();
            if (!Ascii.isHttpFieldValue(value)) {
                return Optional.of("a configured header cannot be sent: invalid value for header \"" + name + "\"");
            }
        }
        return Optional.empty();
    }

    private static byte[] head(Request request, int port, boolean https) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = uri.getPort() == -1 || port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        boolean agent = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            agent |= h.getKey().equalsIgnoreCase("user-agent");
            head.append(h.getKey()).append(": ").append(h.getValue() == null ? "" : h.getValue()).append("\r\n");
        }
        if (!agent) {
            head.append("User-Agent: Portcullis\r\n");
        }
        if (request.body().length > 0 || Set.of("POST", "PUT", "PATCH").contains(request.method())) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Result<Response, Failure> read(InputStream in, String method, int maxBytes) throws IOException {
        int[] headBudget = {MAX_HEAD_BYTES};
        while (true) {
            String statusLine = line(in, headBudget);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new MalformedResponseException();
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in, headBudget); !line.isEmpty(); line = line(in, headBudget)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedResponseException();
                }
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200) {
                continue; // interim answers (100 Continue, 103 Early Hints) precede the real one
            }
            if (method.equals("HEAD") || status == 204 || status == 304) {
                return Result.ok(new Response(status, headers, new byte[0]));
            }
            BodyReader body = new BodyReader(in, maxBytes);
            boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
            Optional<String> length = headers.getOrDefault("content-length", List.of()).stream().findFirst();
            boolean complete = chunked ? body.chunked(headBudget) : length.isPresent() ? body.exactly(parseLength(length.get()))
                    : body.untilClosed();
            return complete ? Result.ok(new Response(status, headers, body.bytes())) : Result.err(new TooLarge(maxBytes));
        }
    }

    private static long parseLength(String value) throws MalformedResponseException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new MalformedResponseException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedResponseException();
        }
    }

    /** One CRLF- (or LF-) terminated line of the head, counted against the head's size limit. */
    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new MalformedResponseException();
            }
            if (--budget[0] < 0) {
                throw new MalformedResponseException();
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Reads a body in any of the three HTTP/1.1 framings, never holding more than {@code max} bytes. */
    private static final class BodyReader {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        BodyReader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        /** False when the body would exceed the limit. */
        boolean exactly(long n) throws IOException {
            if (out.size() + n > max) {
                return false;
            }
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read == -1) {
                    throw new MalformedResponseException();
                }
                out.write(buffer, 0, read);
                left -= read;
            }
            return true;
        }

        boolean untilClosed() throws IOException {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                if (out.size() > max) {
                    return false;
                }
            }
            return true;
        }

        boolean chunked(int[] budget) throws IOException {
            while (true) {
                String size = line(in, budget);
                int semicolon = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new MalformedResponseException();
                }
                if (n == 0) {
                    for (String trailer = line(in, budget); !trailer.isEmpty(); trailer = line(in, budget)) {
                        // trailers are read and dropped
                    }
                    return true;
                }
                if (!exactly(n)) {
                    return false;
                }
                line(in, budget);
            }
        }
    }

    /** The peer's answer is not HTTP/1.1 as written in RFC 9112. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException() {
            super("malformed HTTP response");
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the exchange took too long");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Reads from the socket with a read timeout of whatever is left of the exchange's total time. */
    private static final class DeadlineInputStream extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInputStream(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read(b, off, len);
        }
    }
}
