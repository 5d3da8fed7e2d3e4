package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import io.lockstep.agents.testing.CToolchain;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the helpers of edge-agent/sdk/lockstep.h through a probe module (src/test/c/sdk_probe.c)
 * compiled with the agents' command line, against Java reference behaviour.
 */
class LockstepHeaderTest {

    private static final int MAX_PAGES = 64;

    @TempDir
    static Path buildDir;

    private static byte[] probe;
    private Instance instance;
    private int scratch;

    @BeforeAll
    static void compileProbe() throws Exception {
        CToolchain.build(buildDir, Path.of("src/test/c/sdk_probe.c").toAbsolutePath());
        probe = Files.readAllBytes(buildDir.resolve("sdk_probe.wasm"));
    }

    @BeforeEach
    void instantiate() {
        instance = Instance.builder(Parser.parse(probe)).withMemoryLimits(new MemoryLimits(2, MAX_PAGES)).build();
        scratch = call("probe_alloc", 4096);
    }

    private int call(String export, long... args) {
        return (int) instance.export(export).apply(args)[0];
    }

    private int put(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        instance.memory().write(scratch, bytes);
        instance.memory().writeByte(scratch + bytes.length, (byte) 0);
        return bytes.length;
    }

    private Double parseF64(String s) {
        int len = put(s);
        int out = scratch + 2048;
        return call("probe_parse_f64", scratch, len, out) == 1 ? instance.memory().readDouble(out) : null;
    }

    private Long parseI64(String s) {
        int len = put(s);
        int out = scratch + 2048;
        return call("probe_parse_i64", scratch, len, out) == 1 ? instance.memory().readLong(out) : null;
    }

    private String text(int len) {
        return instance.memory().readString(call("probe_text_ptr"), len);
    }

    @Test
    void parsesDecimalNumbersLikeJava() {
        for (String s : List.of("0", "-0", "1", "-2.5", "+7", "10", "0.1", "0.2", "0.3", "123.456", ".5", "5.",
                "1e3", "1E-5", "6.02e23", "2.5e-3", "0.000001", "1234567890123", "-98.7654321", "9007199254740991",
                "1e22", "3.14159265358979")) {
            assertEquals(Double.parseDouble(s), parseF64(s), s);
        }
        // Beyond the exact range it stays within a few ulps and finite.
        for (String s : List.of("1e-30", "123456789012345678901234567890", "4.9e300", "0.1234567890123456789")) {
            double expected = Double.parseDouble(s);
            assertEquals(expected, parseF64(s), Math.ulp(expected) * 8, s);
        }
    }

    @Test
    void rejectsMalformedNumbers() {
        for (String s : List.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "abc", "1e999", "-1e999", "nan", "inf",
                "1 ", " 1", "0x10", "1_000", "1e5.5", "--1")) {
            assertEquals(null, parseF64(s), "'" + s + "'");
        }
    }

    @Test
    void parsesSixtyFourBitIntegersWithOverflowChecks() {
        assertEquals(Long.MAX_VALUE, parseI64("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parseI64("-9223372036854775808"));
        assertEquals(42L, parseI64("+42"));
        assertEquals(0L, parseI64("-0"));
        for (String s : List.of("9223372036854775808", "-9223372036854775809", "", "+", "-", "1.0", "1e3", "12a", " 1")) {
            assertEquals(null, parseI64(s), "'" + s + "'");
        }
    }

    @Test
    void rendersFixedPointNumbers() {
        assertEquals("12.50", text(call("probe_text_f64", Double.doubleToLongBits(12.5), 2)));
        assertEquals("-3.25", text(call("probe_text_f64", Double.doubleToLongBits(-3.25), 2)));
        assertEquals("0.001", text(call("probe_text_f64", Double.doubleToLongBits(0.0005), 3)));
        assertEquals("7", text(call("probe_text_f64", Double.doubleToLongBits(6.5), 0)));
        assertEquals("0.000000001", text(call("probe_text_f64", Double.doubleToLongBits(1e-9), 9)));
        assertEquals("nan", text(call("probe_text_f64", Double.doubleToLongBits(Double.NaN), 2)));
        assertEquals("inf", text(call("probe_text_f64", Double.doubleToLongBits(Double.POSITIVE_INFINITY), 2)));
        assertEquals("-inf", text(call("probe_text_f64", Double.doubleToLongBits(Double.NEGATIVE_INFINITY), 2)));
        assertEquals("inf", text(call("probe_text_f64", Double.doubleToLongBits(1e20), 2)));
        for (double v : new double[] {0, 1.005, 99.994, 123456.789, -0.125, 42}) {
            assertEquals(String.format("%.3f", v), text(call("probe_text_f64", Double.doubleToLongBits(v), 3)), "" + v);
        }
    }

    @Test
    void rendersIntegersAndHex() {
        for (long v : new long[] {0, 7, -7, Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123L}) {
            assertEquals(Long.toString(v), text(call("probe_text_i64", v)));
            assertEquals(String.format("%016x", v), text(call("probe_text_hex64", v)));
        }
    }

    @Test
    void textBufferStopsAtItsCapacity() {
        assertEquals(10, call("probe_text_fill", 10));
        assertEquals(256, call("probe_text_fill", 1000));
    }

    @Test
    void findsParametersByExactKeyWithTheLastLineWinning() {
        String params = "agent=a\nmission=m\nspeed=1\nspeedy=2\nempty=\nnoequals\nspeed=3\n=x\nlast=end";
        int len = put(params);
        int key = scratch + 1024;
        int out = scratch + 2048;
        record Case(String key, String value) {
        }
        for (Case c : List.of(new Case("speed", "3"), new Case("speedy", "2"), new Case("empty", ""),
                new Case("last", "end"), new Case("agent", "a"), new Case("noequals", null), new Case("spee", null),
                new Case("", "x"), new Case("missing", null))) {
            byte[] k = c.key().getBytes(StandardCharsets.UTF_8);
            instance.memory().write(key, k);
            instance.memory().writeByte(key + k.length, (byte) 0);
            int found = call("probe_param", scratch, len, key, out);
            if (c.value() == null) {
                assertEquals(0, found, c.key());
            } else {
                assertEquals(1, found, c.key());
                int offset = instance.memory().readInt(out);
                int valueLen = instance.memory().readInt(out + 4);
                assertEquals(c.value(), params.substring(offset, offset + valueLen), c.key());
            }
        }
    }

    @Test
    void bumpAllocatorAlignsGrowsAndResets() {
        int base = call("probe_heap_base");
        instance.export("probe_reset").apply();
        int a = call("probe_alloc", 3);
        int b = call("probe_alloc", 5);
        assertEquals((base + 7) & ~7, a);
        assertEquals(a + 8, b);
        int pagesBefore = instance.memory().pages();
        int big = call("probe_alloc", 3 * 65536);
        assertTrue(big > b && instance.memory().pages() > pagesBefore, "grew memory for a large block");
        instance.memory().writeByte(big + 3 * 65536 - 1, (byte) 1);
        assertEquals(0, call("probe_alloc", MAX_PAGES * 65536), "cannot grow past the cap: 0, not a trap");
        assertEquals(0, call("probe_alloc", -1), "an absurd size fails cleanly");
        instance.export("probe_reset").apply();
        assertEquals(a, call("probe_alloc", 1));
    }

    @Test
    void sensorRangesTreatMissingAndInvalidReadingsAsClearButKeepContact() {
        ByteBuffer frame = ByteBuffer.allocate(56 + 8 * 4).order(ByteOrder.LITTLE_ENDIAN);
        frame.putLong(9).putDouble(1).putDouble(2).putDouble(0).putDouble(0).putDouble(1).putInt(0).putInt(4);
        frame.putDouble(3.5).putDouble(Double.NaN).putDouble(-1).putDouble(0);
        instance.memory().write(call("probe_frame_ptr"), frame.array());
        assertEquals(3.5, rangeOf(0));
        assertEquals(0.0, rangeOf(3), "zero is contact, not 'nothing in range'");
        for (int i : new int[] {1, 2, 4, 1000, -1}) {
            assertEquals(Double.POSITIVE_INFINITY, rangeOf(i), "beam " + i);
        }
    }

    private double rangeOf(int beam) {
        return Double.longBitsToDouble(instance.export("probe_range").apply(beam)[0]);
    }

    @Test
    void onMessageMacroDefinesTheAbiExport() {
        assertEquals(FunctionType.of(
                        List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32)),
                instance.exportType("lockstep_on_message"));
        instance.memory().writeByte(scratch, (byte) 9);
        assertEquals(5 * 1000 + 3 + 9, call("lockstep_on_message", scratch, 5, scratch, 3));
    }

    @Test
    void sqrtIsTheWasmInstruction() {
        for (double v : new double[] {0, 2, 1e-300, 1e300, 12345.678}) {
            assertEquals(Math.sqrt(v),
                    Double.longBitsToDouble(instance.export("probe_sqrt").apply(Double.doubleToLongBits(v))[0]));
        }
    }
}
