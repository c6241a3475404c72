package io.portcullis.adapters.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.domain.gateway.WholeBody;
import io.portcullis.domain.shared.Result;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * alive; one the peer closed before answering anything is retried once on a new connection. A small answer of known
 * length that is not an event stream is read to its end first and handed over whole ({@link WholeBody}): nothing
 * of it could be relayed earlier to any use, and it then needs no subscription, hand-off or chunked encoding.
 */
final class UpstreamExchange extends ChannelInboundHandlerAdapter {
    /** One exchange: who waits for the head, whether the connection came from the pool, what to do at the end. */
    record Call(CompletableFuture<Result<UpstreamStreams.Streamed, GuardedHttpClient.Failure>> answer, boolean reused,
            Consumer<Boolean> done, Runnable retry) {
    }

    /** The largest answer read whole before it is handed over. */
    static final int WHOLE_BYTES = 64 * 1024;
    private ChannelHandlerContext ctx;
    private UpstreamStreams.Streamed pending;
    private byte[] whole;
    private int wholeLength;
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
        whole = null;
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
        for (Map.Entry<String, String> h : head.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        long length = HttpUtil.getContentLength(head, -1L);
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (length >= 0 && length <= WHOLE_BYTES && !type.regionMatches(true, 0, "text/event-stream", 0, 17)) {
            whole = new byte[(int) length];
            wholeLength = 0;
            pending = new UpstreamStreams.Streamed(head.status().code(), headers, null);
            return;
        }
        Call owner = call;
        body = new UpstreamBody(ctx.channel(), () -> abandoned(owner));
        call.answer().complete(Result.ok(new UpstreamStreams.Streamed(head.status().code(), headers, body)));
    }

    private void content(HttpContent content) {
        if (interim) {
            interim = !(content instanceof LastHttpContent);
            return;
        }
        if (whole != null) {
            wholeContent(content);
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

    private void wholeContent(HttpContent content) {
        int readable = content.content().readableBytes();
        if (content.decoderResult().isFailure() || readable > whole.length - wholeLength) {
            failed(content.decoderResult().isFailure() ? content.decoderResult().cause()
                    : new IllegalStateException("the answer is longer than its Content-Length"));
            return;
        }
        content.content().readBytes(whole, wholeLength, readable);
        wholeLength += readable;
        if (content instanceof LastHttpContent) {
            Call finished = call;
            UpstreamStreams.Streamed answer = new UpstreamStreams.Streamed(pending.status(), pending.headers(),
                    new WholeBody(wholeLength == whole.length ? whole : Arrays.copyOf(whole, wholeLength)));
            call = null;
            whole = null;
            pending = null;
            finished.done().accept(keepAlive);
            finished.answer().complete(Result.ok(answer));
        }
    }

    /**
     * The reader of {@code owner}'s body went away before its end: the connection cannot be reused half-read. A reader
     * that lets go only after the body ended (its cancel reaches this event loop late) finds the connection back in the
     * pool or carrying another exchange, which is none of its business: only the exchange the body belongs to ends here.
     */
    private void abandoned(Call owner) {
        if (call != null && call == owner) {
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
        whole = null;
        pending = null;
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
