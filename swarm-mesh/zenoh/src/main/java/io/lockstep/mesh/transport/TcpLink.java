package io.lockstep.mesh.transport;

import io.lockstep.mesh.codec.MalformedMessageException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/** A TCP (or TLS over TCP) link carrying transport messages, each preceded by Zenoh's 2-byte little-endian length. */
public final class TcpLink implements AutoCloseable {
    public static final int MAX_MESSAGE = 0xFFFF;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final String peerIdentity;

    public TcpLink(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
        this.peerIdentity = socket instanceof SSLSocket ssl ? PeerIdentity.of(ssl.getSession()) : null;
    }

    /**
     * The identity named by the certificate the peer authenticated with (TLS links); null on a plain TCP link.
     */
    public String peerIdentity() {
        return peerIdentity;
    }

    public String remote() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one transport message; EOF at a message boundary raises {@link EOFException}. */
    public byte[] read() throws IOException {
        int lo = in.read();
        if (lo < 0) {
            throw new EOFException("link closed by peer");
        }
        int hi = in.read();
        if (hi < 0) {
            throw new MalformedMessageException("stream ended inside a length prefix");
        }
        int length = lo | (hi << 8);
        if (length == 0) {
            throw new MalformedMessageException("zero-length transport message");
        }
        byte[] message = new byte[length];
        int n = in.readNBytes(message, 0, length);
        if (n < length) {
            throw new MalformedMessageException("stream ended after " + n + " of " + length + " bytes");
        }
        return message;
    }

    /** Writes a whole message, adding the length prefix. */
    public void write(byte[] message) throws IOException {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds " + MAX_MESSAGE);
        }
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) message.length;
        framed[1] = (byte) (message.length >>> 8);
        System.arraycopy(message, 0, framed, 2, message.length);
        writeFramed(framed, framed.length);
    }

    /** Writes bytes that already start with their length prefix. */
    public void writeFramed(byte[] framed, int length) throws IOException {
        synchronized (writeLock) {
            out.write(framed, 0, length);
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the socket is unusable either way
        }
    }
}
