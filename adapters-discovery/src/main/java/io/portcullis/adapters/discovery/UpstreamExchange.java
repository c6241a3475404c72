package io.portcullis.adapters.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.domain.shared.Result;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The last handler of an upstream connection: one exchange at a time, its answer's head completing the caller's
 * future and its body handed on chunk by chunk ({@link UpstreamBody}). Everything here runs on the connection's
 * event loop. A connection is given back for reuse only when an answer was read to its end and both sides keep it
 * alive; one the peer closed before answering anything is retried once on a new connection.
 */
final class UpstreamExchange extends ChannelInboundHandlerAdapter {
    /** One exchange: who waits for the head, whether the connection came from the pool, what to do at the end. */
    record Call(CompletableFuture<Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure>> answer, boolean reused,
            Consumer<Boolean> done, Runnable retry) {
    }

    private ChannelHandlerContext ctx;
    private Call call;
    private UpstreamBody body;
    private boolean interim;
    private boolean keepAlive;
    private boolean answered;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    boolean busy() {
        return call != null;
    }

    void begin(Call next) {
        call = next;
        body = null;
        interim = false;
        answered = false;
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (call == null) {
                ctx.close(); // nothing was asked: a peer talking out of turn is not reused
                return;
            }
            answered = true;
            if (msg instanceof HttpResponse head) {
                if (head.decoderResult().isFailure()) {
                    failed(head.decoderResult().cause());
                    return;
                }
                head(head);
            }
            if (msg instanceof HttpContent content) {
                content(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(HttpResponse head) {
        if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            interim = true; // 100 Continue, 103 Early Hints precede the real answer
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(head);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        head.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(h.getValue()));
        body = new UpstreamBody(ctx.channel(), this::abandoned);
        call.answer().complete(Result.ok(new UpstreamStreams.Streamed(head.status().code(), headers, body)));
    }

    private void content(HttpContent content) {
        if (interim) {
            interim = !(content instanceof LastHttpContent);
            return;
        }
        if (body == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            failed(content.decoderResult().cause());
            return;
        }
        if (content.content().isReadable()) {
            body.push(ByteBufUtil.getBytes(content.content()));
        }
        if (content instanceof LastHttpContent) {
            Call finished = call;
            UpstreamBody complete = body;
            call = null;
            body = null;
            ctx.channel().config().setAutoRead(true); // a pooled connection notices when the peer closes it
            finished.done().accept(keepAlive); // back in the pool before the reader hears the end
            complete.complete();
        }
    }

    /** The reader of the body went away before its end: the connection cannot be reused half-read. */
    private void abandoned() {
        if (call != null) {
            Call c = call;
            call = null;
            body = null;
            c.done().accept(false);
        }
    }

    /** The exchange failed: before the head, the caller learns why (or it is retried); after it, the body ends in error. */
    void failed(Throwable cause) {
        Call c = call;
        if (c == null) {
            return;
        }
        call = null;
        UpstreamBody started = body;
        body = null;
        ctx.close();
        if (started != null) {
            started.fail(cause);
        } else if (c.reused() && !answered && !(cause instanceof TimeoutException)) {
            c.retry().run(); // the pooled connection had been closed by the peer
        } else {
            c.answer().complete(Result.err(new GuardedHttpClient.Unreachable(cause.getClass().getSimpleName())));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        failed(new ClosedChannelException());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (call == null) {
            ctx.close(); // unused in the pool for the whole idle time
        } else if (body == null || body.waiting() || body.unclaimed()) {
            failed(new TimeoutException("the MCP server was silent for too long"));
        }
        // else the upstream waits for the reader of the body, not the other way round
    }
}
