package io.lockstep.c2.support;

import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An EdgeLink client written directly on Netty's HTTP/2 frames, not grpc-java: it can send HTTP/2 PINGs
 * at any rate (grpc-java clamps client keepalive to at least 10 s) and sees GOAWAY frames as they are.
 * One Connect stream, gRPC length-prefixed messages, no compression.
 */
public final class RawHttp2Link implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel connection;
    private final Http2StreamChannel stream;
    private final BlockingQueue<C2ToEdge> received = new LinkedBlockingQueue<>();
    private final AtomicReference<String> goAway = new AtomicReference<>();
    private final AtomicInteger pingAcks = new AtomicInteger();
    private final AtomicLong pingIds = new AtomicLong();
    private final CompletableFuture<String> streamEnd = new CompletableFuture<>();
    private final CompletableFuture<Long> initialWindowSize = new CompletableFuture<>();
    private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();

    private RawHttp2Link(int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().autoAckPingFrame(true).build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                                new ConnectionFrames());
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        stream = new Http2StreamChannelBootstrap(connection).handler(new StreamFrames()).open().sync().getNow();
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http")
                .authority("127.0.0.1:" + port).path("/lockstep.v1.EdgeLink/Connect");
        headers.set("content-type", "application/grpc").set("te", "trailers");
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
    }

    public static RawHttp2Link connect(int port) throws InterruptedException {
        return new RawHttp2Link(port);
    }

    public void send(EdgeToC2 message) throws InterruptedException {
        byte[] payload = message.toByteArray();
        ByteBuf frame = Unpooled.buffer(5 + payload.length).writeByte(0).writeInt(payload.length).writeBytes(payload);
        stream.writeAndFlush(new DefaultHttp2DataFrame(frame, false)).sync();
    }

    /** Sends one HTTP/2 PING on the connection. */
    public void ping() {
        connection.writeAndFlush(new DefaultHttp2PingFrame(pingIds.incrementAndGet()));
    }

    /** Sends a PING every {@code periodMillis} on the connection's event loop until closed. */
    public void pingEvery(long periodMillis) {
        connection.eventLoop().scheduleAtFixedRate(this::ping, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** SETTINGS_INITIAL_WINDOW_SIZE of C2's first SETTINGS frame (HTTP/2's default 65535 when it sent none). */
    public long initialWindowSize() throws Exception {
        return initialWindowSize.get(30, TimeUnit.SECONDS);
    }

    public int pingAcks() {
        return pingAcks.get();
    }

    /** The debug text of the GOAWAY C2 sent, or null when it sent none. */
    public String goAway() {
        return goAway.get();
    }

    public boolean connectionOpen() {
        return connection.isActive();
    }

    /** The grpc-status trailer once the stream ended, or null while it is open. */
    public String streamEnd() {
        return streamEnd.getNow(null);
    }

    /** The next message from C2, waiting up to {@code seconds}; null when none came. */
    public C2ToEdge poll(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        connection.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private final class ConnectionFrames extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame settings) {
                    Long window = settings.settings().initialWindowSize() == null ? null
                            : settings.settings().initialWindowSize().longValue();
                    initialWindowSize.complete(window == null ? 65_535L : window);
                } else if (msg instanceof Http2PingFrame ping && ping.ack()) {
                    pingAcks.incrementAndGet();
                } else if (msg instanceof Http2GoAwayFrame frame) {
                    goAway.compareAndSet(null, frame.errorCode() + " " + frame.content().toString(StandardCharsets.UTF_8));
                }
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
    }

    private final class StreamFrames extends SimpleChannelInboundHandler<Http2StreamFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) throws Exception {
            if (frame instanceof Http2DataFrame data) {
                byte[] bytes = new byte[data.content().readableBytes()];
                data.content().readBytes(bytes);
                pendingBytes.write(bytes);
                drainMessages();
            } else if (frame instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                CharSequence status = headers.headers().get("grpc-status");
                streamEnd.complete(status == null ? "none" : status.toString());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streamEnd.complete("stream closed");
        }

        private void drainMessages() throws Exception {
            byte[] all = pendingBytes.toByteArray();
            int offset = 0;
            while (all.length - offset >= 5) {
                int length = ((all[offset + 1] & 0xFF) << 24) | ((all[offset + 2] & 0xFF) << 16)
                        | ((all[offset + 3] & 0xFF) << 8) | (all[offset + 4] & 0xFF);
                if (all.length - offset - 5 < length) {
                    break;
                }
                received.add(C2ToEdge.parseFrom(java.util.Arrays.copyOfRange(all, offset + 5, offset + 5 + length)));
                offset += 5 + length;
            }
            pendingBytes.reset();
            pendingBytes.write(all, offset, all.length - offset);
        }
    }
}
