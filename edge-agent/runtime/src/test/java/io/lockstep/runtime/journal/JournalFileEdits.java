package io.lockstep.runtime.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages a journal file in place, as a disk or a crash might, for the tests of its readers. */
public final class JournalFileEdits {
    private JournalFileEdits() {
    }

    /** Flips one bit of the byte at {@code at}. */
    public static void flipByte(Path journal, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }

    /** Overwrites the bytes from {@code at} with {@code bytes}. */
    public static void writeAt(Path journal, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }
}
