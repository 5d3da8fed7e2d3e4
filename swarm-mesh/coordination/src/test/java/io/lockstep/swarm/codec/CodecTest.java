package io.lockstep.swarm.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lockstep.swarm.agreement.AgreementDigest;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.allocation.MemberAnnouncement;
import io.lockstep.swarm.allocation.MembershipView;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.CellSize;
import io.lockstep.swarm.cells.GridDecomposition;
import io.lockstep.swarm.cells.PointE7;
import io.lockstep.swarm.coverage.CoverageMessage;
import io.lockstep.swarm.coverage.CoverageSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trips, generated inputs and mutation fuzzing for every swarm message. */
class CodecTest {

    interface Decoder {
        Object decode(byte[] data) throws MalformedMessageException;
    }

    /** Every mutation either decodes to a valid value that re-encodes to itself, or is MalformedMessage. */
    private static int fuzz(byte[] valid, Decoder decoder, java.util.function.Function<Object, byte[]> encoder,
                            long seed, int rounds) {
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < rounds; i++) {
            byte[] mutated = MessageFuzz.mutate(valid, random);
            try {
                Object decoded = decoder.decode(mutated);
                byte[] again = encoder.apply(decoded);
                // the only accepted non-canonical form is the coverage bitmap/ranges choice
                Object twice = decoder.decode(again);
                assertArrayEquals(again, encoder.apply(twice));
            } catch (MalformedMessageException expected) {
                refused++;
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e, e);
            }
        }
        return refused;
    }

    static CoverageSet randomSet(Random random, int cells, double density) {
        CoverageSet s = CoverageSet.empty("mission-x", 4, cells);
        for (int c = 0; c < cells; c++) {
            if (random.nextDouble() < density) {
                s = s.with(c);
            }
        }
        return s;
    }

    @Test
    void coverageRoundTripsForGeneratedSets() throws Exception {
        Random random = new Random(1);
        for (int trial = 0; trial < 150; trial++) {
            int cells = random.nextInt(3000);
            double density = new double[] {0, 0.01, 0.5, 0.99, 1}[random.nextInt(5)];
            CoverageSet set = randomSet(random, cells, density);
            int working = cells == 0 ? -1 : random.nextInt(cells + 1) - 1;
            CoverageMessage m = new CoverageMessage("node-" + trial, working, set);
            byte[] bytes = CoverageCodec.encode(m);
            CoverageMessage back = CoverageCodec.decode(bytes);
            assertEquals(m, back);
            assertTrue(bytes.length <= 64 + (cells + 7) / 8, "encoding larger than a bitmap");
        }
    }

    @Test
    void coverageOfTenThousandCellsIsCompact() {
        CoverageSet half = CoverageSet.empty("m", 1, 10_000);
        for (int c = 0; c < 5000; c++) {
            half = half.with(c);
        }
        assertTrue(CoverageCodec.encode(new CoverageMessage("n", -1, half)).length < 40);
        CoverageSet full = CoverageSet.empty("m", 1, 65_536);
        assertTrue(CoverageCodec.encode(new CoverageMessage("n", -1, full)).length < 40);
    }

    @Test
    void coverageRefusesMalformedInput() {
        byte[] valid = CoverageCodec.encode(new CoverageMessage("node-1", 3, CoverageSet.of("m", 1, 20, 1, 2, 3, 9)));
        int refused = fuzz(valid, CoverageCodec::decode, o -> CoverageCodec.encode((CoverageMessage) o), 42, 5_000);
        assertTrue(refused > 2_500, "only " + refused + " refused");
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(new byte[Limits.MAX_COVERAGE_BYTES + 1]));
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(null));
        // bits past the count
        byte[] bitmap = new WireWriter().bytes(CoverageCodec.MAGIC).u8(1).text("n").text("m").i64(1).varint(3).i32(-1)
                .u8(CoverageCodec.BITMAP).u8(0b1000).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(bitmap));
        // a range past the count, touching ranges, a huge range count
        byte[] past = new WireWriter().bytes(CoverageCodec.MAGIC).u8(1).text("n").text("m").i64(1).varint(3).i32(-1)
                .u8(CoverageCodec.RANGES).varint(1).varint(2).varint(2).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(past));
        byte[] touching = new WireWriter().bytes(CoverageCodec.MAGIC).u8(1).text("n").text("m").i64(1).varint(9).i32(-1)
                .u8(CoverageCodec.RANGES).varint(2).varint(0).varint(2).varint(0).varint(2).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(touching));
        byte[] manyRanges = new WireWriter().bytes(CoverageCodec.MAGIC).u8(1).text("n").text("m").i64(1).varint(9)
                .i32(-1).u8(CoverageCodec.RANGES).varint(1_000_000).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(manyRanges));
        byte[] tooManyCells = new WireWriter().bytes(CoverageCodec.MAGIC).u8(1).text("n").text("m").i64(1)
                .varint(CellPlan.MAX_CELLS + 1).i32(-1).u8(CoverageCodec.RANGES).varint(0).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(tooManyCells));
        byte[] futureVersion = valid.clone();
        futureVersion[4] = 2;
        assertThrows(MalformedMessageException.class, () -> CoverageCodec.decode(futureVersion));
    }

    @Test
    void digestRoundTripsAndRefusesMalformedInput() throws Exception {
        Random random = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            MembershipView view = MembershipView.of(List.of(Member.of("a" + trial), new Member("b", 1 + random.nextInt(16))));
            CoverageSet set = randomSet(random, random.nextInt(500), 0.3);
            AgreementDigest d = AgreementDigest.of("node-é-" + trial, random.nextInt(1_000_000), view, set);
            assertEquals(d, AgreementDigestCodec.decode(AgreementDigestCodec.encode(d)));
        }
        AgreementDigest d = AgreementDigest.of("node-1", 9, MembershipView.of(List.of(Member.of("node-1"))),
                CoverageSet.of("m", 1, 10, 4));
        byte[] valid = AgreementDigestCodec.encode(d);
        fuzz(valid, AgreementDigestCodec::decode, o -> AgreementDigestCodec.encode((AgreementDigest) o), 43, 5_000);
        assertThrows(MalformedMessageException.class, () -> AgreementDigestCodec.decode(new byte[Limits.MAX_DIGEST_BYTES + 1]));
        byte[] negative = valid.clone();
        negative[5 + 1 + 6] = (byte) 0x80;   // sign bit of the sequence
        assertThrows(MalformedMessageException.class, () -> AgreementDigestCodec.decode(negative));
    }

    @Test
    void memberAnnouncementRoundTripsAndRefusesMalformedInput() throws Exception {
        for (int cap = 1; cap <= 16; cap++) {
            MemberAnnouncement a = new MemberAnnouncement(new Member("node-" + cap, cap), cap * 1000L, cap % 2 == 0);
            assertEquals(a, MemberCodec.decode(MemberCodec.encode(a)));
        }
        byte[] valid = MemberCodec.encode(new MemberAnnouncement(new Member("node-1", 2), 5, false));
        fuzz(valid, MemberCodec::decode, o -> MemberCodec.encode((MemberAnnouncement) o), 44, 5_000);
        byte[] zeroCapability = new WireWriter().bytes(MemberCodec.MAGIC).u8(1).text("n").u8(0).i64(1).u8(0).toByteArray();
        assertThrows(MalformedMessageException.class, () -> MemberCodec.decode(zeroCapability));
        byte[] flags = new WireWriter().bytes(MemberCodec.MAGIC).u8(1).text("n").u8(1).i64(1).u8(2).toByteArray();
        assertThrows(MalformedMessageException.class, () -> MemberCodec.decode(flags));
        byte[] control = new WireWriter().bytes(MemberCodec.MAGIC).u8(1).text("a\nb").u8(1).i64(1).u8(0).toByteArray();
        assertThrows(MalformedMessageException.class, () -> MemberCodec.decode(control));
        byte[] badUtf8 = new WireWriter().bytes(MemberCodec.MAGIC).u8(1).u8(2).u8(0xC3).u8(0x28).u8(1).i64(1).u8(0)
                .toByteArray();
        assertThrows(MalformedMessageException.class, () -> MemberCodec.decode(badUtf8));
    }

    @Test
    void planRoundTripsAndRefusesMalformedInput() throws Exception {
        List<PointE7> area = List.of(new PointE7(100_000, 200_000), new PointE7(100_000, 205_000),
                new PointE7(104_000, 203_000));
        CellPlan plan = GridDecomposition.plan("mission-1", 7, area, new CellSize(1000, 1000));
        byte[] bytes = CellPlanCodec.encode(plan);
        assertEquals(plan, CellPlanCodec.decode(bytes));
        fuzz(bytes, CellPlanCodec::decode, o -> CellPlanCodec.encode((CellPlan) o), 45, 2_000);
        byte[] hugeCount = new WireWriter().bytes(CellPlanCodec.MAGIC).u8(1).text("m").i64(1).varint(60_000)
                .toByteArray();
        assertThrows(MalformedMessageException.class, () -> CellPlanCodec.decode(hugeCount));
        byte[] badPoint = new WireWriter().bytes(CellPlanCodec.MAGIC).u8(1).text("m").i64(1).varint(1).varint(3)
                .i32(Integer.MAX_VALUE).i32(0).i64(0).i64(0).i64(0).toByteArray();
        assertThrows(MalformedMessageException.class, () -> CellPlanCodec.decode(badPoint));
    }

    @Test
    void varintsMustBeMinimal() {
        assertThrows(MalformedMessageException.class, () -> new WireReader(new byte[] {(byte) 0x81, 0x00}).varint("v"));
        assertThrows(MalformedMessageException.class,
                () -> new WireReader(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}).varint("v"));
    }
}
