package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JstatGcTest {
    /** JDK 17's {@code jstat -gc} header and a sample of a serial-GC JVM (CGC columns print "-"). */
    static final String HEADER = "    S0C         S1C         S0U         S1U          EC           EU           OC"
            + "           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT"
            + "       GCT   ";
    static final String SAMPLE = "     8704.0      8704.0      2048.0         0.0      69952.0      30720.0     174784.0"
            + "      71680.0     62336.0    60852.4    7552.0    6971.1     35     0.251     2     0.213     -        -"
            + "     0.464";

    @Test
    void sumsTheSurvivorEdenAndOldUsedColumns() {
        // (2048 + 0 + 30720 + 71680) KiB = 104448 KiB = 102 MiB; metaspace (MU) is not heap.
        assertEquals(102.0, JstatGc.ofHeader(HEADER).heapUsedMib(SAMPLE), 1e-9);
    }

    @Test
    void readsASingleSampleOutput() {
        assertEquals(102.0, JstatGc.heapUsedMibOfSingleSample(HEADER + "\n" + SAMPLE + "\n"), 1e-9);
    }

    @Test
    void tellsHeaderLinesFromSampleLines() {
        assertTrue(JstatGc.isHeader(HEADER));
        assertFalse(JstatGc.isHeader(SAMPLE));
        assertFalse(JstatGc.isHeader(null));
    }

    @Test
    void rejectsAHeaderWithoutTheHeapColumns() {
        var e = assertThrows(MalformedJstatOutputException.class,
                () -> JstatGc.ofHeader("Timestamp S0 S1 E O M CCS YGC"));
        assertTrue(e.getMessage().contains("S0U"), e.getMessage());
        assertThrows(MalformedJstatOutputException.class, () -> JstatGc.ofHeader(""));
        assertThrows(MalformedJstatOutputException.class, () -> JstatGc.ofHeader(null));
    }

    @Test
    void rejectsSamplesThatDoNotFitTheHeader() {
        JstatGc table = JstatGc.ofHeader(HEADER);
        assertThrows(MalformedJstatOutputException.class, () -> table.heapUsedMib("8704.0 8704.0 2048.0"));
        assertThrows(MalformedJstatOutputException.class, () -> table.heapUsedMib("   "));
        assertThrows(MalformedJstatOutputException.class, () -> table.heapUsedMib(null));
    }

    @Test
    void rejectsHeapValuesThatAreNotSizes() {
        JstatGc table = JstatGc.ofHeader(HEADER);
        var notANumber = assertThrows(MalformedJstatOutputException.class,
                () -> table.heapUsedMib(SAMPLE.replace("30720.0", "30720,0")));
        assertTrue(notANumber.getMessage().contains("EU"), notANumber.getMessage());
        assertThrows(MalformedJstatOutputException.class, () -> table.heapUsedMib(SAMPLE.replace("30720.0", "-5.0")));
        assertThrows(MalformedJstatOutputException.class, () -> table.heapUsedMib(SAMPLE.replace("30720.0", "NaN")));
        assertThrows(MalformedJstatOutputException.class,
                () -> table.heapUsedMib(SAMPLE.replace("30720.0", "Infinity")));
    }

    @Test
    void rejectsToolErrorsInsteadOfASample() {
        assertThrows(MalformedJstatOutputException.class,
                () -> JstatGc.heapUsedMibOfSingleSample("12345 not found\n"));
        assertThrows(MalformedJstatOutputException.class, () -> JstatGc.heapUsedMibOfSingleSample(""));
        assertThrows(MalformedJstatOutputException.class, () -> JstatGc.heapUsedMibOfSingleSample(null));
        assertThrows(MalformedJstatOutputException.class,
                () -> JstatGc.heapUsedMibOfSingleSample(HEADER + "\n" + SAMPLE + "\n" + SAMPLE));
    }
}
