package io.portcullis.adapters.http.shared;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/** The socket's peer address (never a header a client can write); a resolver that trusts proxies may replace it. */
@Singleton
@Secondary
public final class SocketClientAddress implements ClientAddressSource {
    @Override
    public String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "-" : remote.getAddress().getHostAddress();
    }
}
