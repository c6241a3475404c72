package io.portcullis.adapters.http.gateway;

import io.micronaut.core.annotation.Nullable;
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
import io.portcullis.application.gateway.port.in.AggregateMcpUseCase;
import io.portcullis.application.gateway.port.in.AggregateMcpUseCase.AggregateMcpCommand;
import io.portcullis.application.identity.port.in.Principal;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregated MCP server (Streamable HTTP, stateless): {@code /mcp} is a protected resource of its own — tokens
 * must carry it as audience, with {@code mcp_gateway:use} — over every MCP server the user may use. Answers are JSON;
 * it opens no server stream (GET: 405) and keeps no session (DELETE: 405). Servers left out of a listing are logged.
 */
@Controller("/mcp")
@ExecuteOn(McpGatewayController.EXECUTOR)
@RequiresScope(value = "mcp_gateway:use", resource = "/mcp")
public final class AggregateMcpController {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateMcpController.class);
    private final AggregateMcpUseCase aggregate;

    public AggregateMcpController(AggregateMcpUseCase aggregate) {
        this.aggregate = aggregate;
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> post(Principal actor, @Nullable @Body byte[] body) {
        return aggregate.handle(new AggregateMcpCommand(actor, body)).toCompletableFuture().thenApply(answer -> {
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
