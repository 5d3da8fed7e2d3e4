package io.lockstep.c2.link;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.net.SocketAddress;

/** The remote address of the current gRPC call, for log messages. */
final class PeerAddress {

    private PeerAddress() {
    }

    static String current() {
        ServerCall<?, ?> call = CurrentCall.KEY.get();
        if (call == null) {
            return "unknown peer";
        }
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return address == null ? "unknown peer" : address.toString();
    }

    /** The node id named by the client certificate of the current call (mutual TLS); empty on a plaintext link. */
    static java.util.Optional<String> certifiedNodeId() {
        ServerCall<?, ?> call = CurrentCall.KEY.get();
        return call == null ? java.util.Optional.empty()
                : CertifiedNodeId.of(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    }

    /** Holds the ServerCall in the gRPC context; filled by {@link PeerAddressInterceptor}. */
    static final class CurrentCall {
        static final Context.Key<ServerCall<?, ?>> KEY = Context.key("lockstep-server-call");

        private CurrentCall() {
        }
    }
}
