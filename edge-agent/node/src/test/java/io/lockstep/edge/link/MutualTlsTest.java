package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lockstep.edge.testing.TestCertificates;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.Welcome;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C2 link over mutual TLS: fleet-CA certificates both ways, and nothing else trusted. */
class MutualTlsTest {

    @TempDir
    static Path pki;

    @TempDir
    Path dir;

    private static TestCertificates certs;
    private Server server;
    private C2Link link;
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makePki() throws Exception {
        Assumptions.assumeTrue(TestCertificates.opensslAvailable(), "needs the openssl command");
        certs = TestCertificates.create(pki);
    }

    @AfterEach
    void stop() throws Exception {
        TestLinks.close(link);
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A C2 that requires a client certificate from the fleet CA and answers Hello with Welcome. */
    private int startC2(String serverCert) throws Exception {
        EdgeLinkGrpc.EdgeLinkImplBase service = new EdgeLinkGrpc.EdgeLinkImplBase() {
            @Override
            public StreamObserver<EdgeToC2> connect(StreamObserver<C2ToEdge> out) {
                return new StreamObserver<>() {
                    public void onNext(EdgeToC2 m) {
                        if (m.hasHello()) {
                            out.onNext(C2ToEdge.newBuilder().setWelcome(Welcome.newBuilder()).build());
                        }
                    }

                    public void onError(Throwable t) {
                    }

                    public void onCompleted() {
                        out.onCompleted();
                    }
                };
            }
        };
        ServerInterceptor peer = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                try {
                    clientSubjects.add(((X509Certificate) session.getPeerCertificates()[0])
                            .getSubjectX500Principal().getName());
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    clientSubjects.add("none");
                }
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.forServer(certs.cert(serverCert).toFile(), certs.key(serverCert).toFile())
                        .trustManager(certs.cert("fleet-ca").toFile()).clientAuth(ClientAuth.REQUIRE).build())
                .addService(ServerInterceptors.intercept(service, peer)).build().start();
        return server.getPort();
    }

    private C2Link startLink(int port, Path trust) {
        TlsFiles tls = new TlsFiles(certs.cert("node"), certs.key("node"), trust, Optional.of("localhost"));
        LinkSettings settings = new LinkSettings("127.0.0.1", port, Optional.of(tls), 200, 5_000, 20, 100);
        ChannelFactory channels = new ChannelFactory(settings);
        assertTrue(channels.tlsEnabled());
        C2Link l = new C2Link(settings, channels, new Outbox(dir.resolve("outbox"), 10),
                new TelemetrySpool(dir.resolve("spool"), 10), () -> Hello.newBuilder().setNodeId("node-1").build(),
                Heartbeat::getDefaultInstance, new LinkListener() {
                    public void onCommand(C2ToEdge command) {
                    }

                    public void onBlob(Blob blob) {
                    }

                    public void onLinkState(LinkState state) {
                    }
                }, new Backoff(20, 100, new Random(1)));
        l.start();
        return l;
    }

    @Test
    void connectsWhenBothSidesHoldFleetCertificates() throws Exception {
        int port = startC2("c2");
        link = startLink(port, certs.cert("fleet-ca"));
        await("link up over mTLS", () -> link.state() == LinkState.CONNECTED);
        assertEquals("CN=node-1", clientSubjects.get(0), "the node presented its fleet certificate");
    }

    @Test
    void pinningC2sOwnCertificateWorksToo() throws Exception {
        int port = startC2("c2");
        link = startLink(port, certs.cert("c2"));
        await("link up with a pinned certificate", () -> link.state() == LinkState.CONNECTED);
    }

    @Test
    void aC2WithACertificateFromAnotherCaIsNeverTrusted() throws Exception {
        int port = startC2("rogue-c2");
        link = startLink(port, certs.cert("fleet-ca"));
        await("several refused attempts", () -> link.failedAttempts() >= 3);
        assertEquals(0, link.sessionsEstablished());
        assertTrue(clientSubjects.isEmpty(), "no call reached the rogue C2");
    }

    @Test
    void missingOrUnreadableTlsFilesAreAClearConfigurationError() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThrows(IllegalArgumentException.class,
                () -> new TlsFiles(missing, certs.key("node"), certs.cert("fleet-ca"), Optional.empty()));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nxx\n");
        TlsFiles bad = new TlsFiles(garbage, certs.key("node"), certs.cert("fleet-ca"), Optional.empty());
        LinkSettings settings = new LinkSettings("127.0.0.1", 1, Optional.of(bad), 200, 5_000, 20, 100);
        assertThrows(IllegalArgumentException.class, () -> new ChannelFactory(settings));
    }
}
