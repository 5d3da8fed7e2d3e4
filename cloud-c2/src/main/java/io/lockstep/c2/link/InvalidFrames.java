package io.lockstep.c2.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.lockstep.proto.v1.EdgeToC2;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Lets the link answer bytes that are not an {@code EdgeToC2} with INVALID_ARGUMENT. grpc-java parses a
 * message before the service sees it, and a parse failure there ends the stream as UNKNOWN ("application
 * error"); this marshaller turns such bytes into the {@link #UNREADABLE} marker instead, which the
 * message handler refuses like any other protocol violation.
 */
final class InvalidFrames {

    /** Stands for a message that could not be parsed; compared by identity. */
    static final EdgeToC2 UNREADABLE = EdgeToC2.newBuilder().build();

    private InvalidFrames() {
    }

    /** {@code service} with the inbound message parser of every method replaced by the tolerant one. */
    @SuppressWarnings("unchecked")
    static ServerServiceDefinition tolerant(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            if (method.getMethodDescriptor().getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                    && p.getMessagePrototype() instanceof EdgeToC2) {
                ServerMethodDefinition<EdgeToC2, Object> edge = (ServerMethodDefinition<EdgeToC2, Object>) method;
                builder.addMethod(edge.getMethodDescriptor().toBuilder()
                        .setRequestMarshaller(new TolerantMarshaller(edge.getMethodDescriptor().getRequestMarshaller()))
                        .build(), edge.getServerCallHandler());
            } else {
                builder.addMethod(method);
            }
        }
        return builder.build();
    }

    private record TolerantMarshaller(MethodDescriptor.Marshaller<EdgeToC2> strict)
            implements MethodDescriptor.Marshaller<EdgeToC2> {

        @Override
        public InputStream stream(EdgeToC2 value) {
            return strict.stream(value);
        }

        @Override
        public EdgeToC2 parse(InputStream stream) {
            try {
                return EdgeToC2.parseFrom(stream);
            } catch (InvalidProtocolBufferException e) {
                return UNREADABLE;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
