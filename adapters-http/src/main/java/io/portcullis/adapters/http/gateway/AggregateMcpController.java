package io.portcullis.adapters.http.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.portcullis.adapters.http.security.RequiresScope;
import io.portcullis.adapters.http.shared.ClientAddressResolver;
import io.portcullis.application.gateway.port.in.AggregateMcpUseCase;
import io.portcullis.application.gateway.port.in.AggregateMcpUseCase.AggregateMcpCommand;
import io.portcullis.application.identity.port.in.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregated MCP server (Streamable HTTP, stateless): {@code /mcp} is a protected resource of its own — tokens
 * must carry it as audience, with {@code mcp_gateway:use} — over every MCP server the user may use. Answers are JSON;
 * it opens no server stream (GET: 405) and keeps no session (DELETE: 405). Servers left out of a listing are logged.
 * The per-token and per-client-address limits (the address resolved as everywhere, trusted proxies honoured) count the
 * requests it sends to its servers and refuse as {@code /mcp/<slug>} does: 429 with {@code Retry-After}.
 */
@Controller("/mcp")
@ExecuteOn(McpGatewayController.EXECUTOR)
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp")
public final class AggregateMcpController {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateMcpController.class);
    private final AggregateMcpUseCase aggregate;
    private final ClientAddressResolver clientAddresses;

    public AggregateMcpController(AggregateMcpUseCase aggregate, ClientAddressResolver clientAddresses) {
        this.aggregate = aggregate;
        this.clientAddresses = clientAddresses;
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> post(HttpRequest<?> request, Principal actor, @Nullable @Body byte[] body) {
        AggregateMcpCommand command = new AggregateMcpCommand(actor, body, Optional.of(clientAddresses.resolve(request)));
        return aggregate.handle(command).toCompletableFuture().thenCompose(answer -> answer.refusal().isPresent()
                ? CompletableFuture.failedFuture(GatewayErrorResponses.toApi(answer.refusal().get()))
                : CompletableFuture.completedFuture(answer)).thenApply(answer -> {
            answer.omitted().forEach(why -> LOG.warn("/mcp: a server was left out of a listing for user {}: {}", actor.user().id(), why));
            if (answer.status() == HttpStatus.ACCEPTED.getCode()) {
                return HttpResponse.<byte[]>status(HttpStatus.ACCEPTED);
            }
            return HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
        });
    }

    /** No server stream: notifications are not sent by this server (MCP Streamable HTTP lets it answer 405). */
    @Get(produces = MediaType.ALL)
    MutableHttpResponse<byte[]> get(Principal actor) {
        return HttpResponse.<byte[]>status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST");
    }

    /** No session to end. */
    @Delete(produces = MediaType.ALL)
    MutableHttpResponse<byte[]> delete(Principal actor) {
        return HttpResponse.<byte[]>status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", "POST");
    }
}
