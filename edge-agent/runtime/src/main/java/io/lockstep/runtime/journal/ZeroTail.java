package io.lockstep.runtime.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where the zeros at the end of a journal file start. The writer grows the file a mapped window at a
 * time ({@link MappedJournalFile}), so a writer that did not close its journal (a crash) leaves up to a
 * window of zeros after its last record; those are unused space, not a torn record.
 */
final class ZeroTail {
    private static final int CHUNK = 64 << 10;

    private ZeroTail() {
    }

    /** The smallest offset in [{@code from}, {@code size}] after which the file holds only zeros. */
    static long start(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > from) {
            int n = (int) Math.min(CHUNK, end - from);
            chunk.clear().limit(n);
            if (!JournalReader.readFully(ch, end - n, chunk)) {
                return end;  // the file shrank while being read: treat what is gone as gone
            }
            byte[] bytes = chunk.array();
            for (int i = n - 1; i >= 0; i--) {
                if (bytes[i] != 0) {
                    return end - n + i + 1;
                }
            }
            end -= n;
        }
        return from;
    }
}
