package io.lockstep.swarm.coverage;

import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.codec.CoverageCodec;
import io.lockstep.swarm.codec.Sha256;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The completed cells of one plan (mission, plan version, cell count): a grow-only set. Immutable;
 * {@link #with} and {@link #merge} return new sets. Merge is the union, so it is commutative,
 * associative and idempotent: peers may exchange sets in any order, any number of times.
 */
public final class CoverageSet {

    private final String missionId;
    private final long planVersion;
    private final int cellCount;
    private final long[] words;
    private final int completed;
    /** Computed once: the set is immutable and peers compare digests every tick. */
    private byte[] digest;

    private CoverageSet(String missionId, long planVersion, int cellCount, long[] words) {
        this.missionId = missionId;
        this.planVersion = planVersion;
        this.cellCount = cellCount;
        this.words = words;
        int count = 0;
        for (long w : words) {
            count += Long.bitCount(w);
        }
        this.completed = count;
    }

    public static CoverageSet empty(String missionId, long planVersion, int cellCount) {
        if (missionId == null || missionId.isEmpty()) {
            throw new IllegalArgumentException("mission id missing");
        }
        if (planVersion < 0 || cellCount < 0 || cellCount > CellPlan.MAX_CELLS) {
            throw new IllegalArgumentException("plan version or cell count out of range");
        }
        return new CoverageSet(missionId, planVersion, cellCount, new long[(cellCount + 63) >>> 6]);
    }

    public static CoverageSet empty(CellPlan plan) {
        return empty(plan.missionId(), plan.version(), plan.size());
    }

    /** A set holding exactly {@code cells} (each in 0..cellCount-1). */
    public static CoverageSet of(String missionId, long planVersion, int cellCount, int... cells) {
        CoverageSet empty = empty(missionId, planVersion, cellCount);
        long[] words = empty.words.clone();
        for (int cell : cells) {
            empty.checkIndex(cell);
            words[cell >>> 6] |= 1L << (cell & 63);
        }
        return new CoverageSet(missionId, planVersion, cellCount, words);
    }

    public String missionId() {
        return missionId;
    }

    public long planVersion() {
        return planVersion;
    }

    public int cellCount() {
        return cellCount;
    }

    /** How many cells are completed. */
    public int completedCount() {
        return completed;
    }

    public boolean isComplete() {
        return completed == cellCount;
    }

    public boolean contains(int cell) {
        return cell >= 0 && cell < cellCount && (words[cell >>> 6] & (1L << (cell & 63))) != 0;
    }

    /** This set plus {@code cell}; the same instance when already present. */
    public CoverageSet with(int cell) {
        checkIndex(cell);
        if (contains(cell)) {
            return this;
        }
        long[] next = words.clone();
        next[cell >>> 6] |= 1L << (cell & 63);
        return new CoverageSet(missionId, planVersion, cellCount, next);
    }

    /** True when {@code other} describes the same plan, so the two may be merged. */
    public boolean samePlan(CoverageSet other) {
        return other.planVersion == planVersion && other.cellCount == cellCount && other.missionId.equals(missionId);
    }

    /** The union; {@code this} when nothing is new. Sets of different plans do not merge. */
    public CoverageSet merge(CoverageSet other) {
        if (!samePlan(other)) {
            throw new IllegalArgumentException("cannot merge coverage of " + other.describePlan()
                    + " into " + describePlan());
        }
        long[] next = null;
        for (int i = 0; i < words.length; i++) {
            long union = words[i] | other.words[i];
            if (union != words[i]) {
                if (next == null) {
                    next = words.clone();
                }
                next[i] = union;
            }
        }
        return next == null ? this : new CoverageSet(missionId, planVersion, cellCount, next);
    }

    /** True when every cell of this set is in {@code other}. */
    public boolean subsetOf(CoverageSet other) {
        if (!samePlan(other)) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & ~other.words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Completed cell indexes, ascending. */
    public IntStream cells() {
        return IntStream.range(0, cellCount).filter(this::contains);
    }

    /** Copy of the bitmap words: cell {@code i} is bit {@code i & 63} of word {@code i >>> 6}. */
    public long[] words() {
        return words.clone();
    }

    /** Builds a set from bitmap words (used by the codec, which validates them first). */
    public static CoverageSet fromWords(String missionId, long planVersion, int cellCount, long[] words) {
        CoverageSet empty = empty(missionId, planVersion, cellCount);
        if (words.length != empty.words.length) {
            throw new IllegalArgumentException("expected " + empty.words.length + " words");
        }
        if (cellCount % 64 != 0 && words.length > 0 && (words[words.length - 1] >>> (cellCount % 64)) != 0) {
            throw new IllegalArgumentException("bits set beyond the cell count");
        }
        return new CoverageSet(missionId, planVersion, cellCount, words.clone());
    }

    /** SHA-256 of the canonical bytes ({@link CoverageCodec#canonicalBytes}). */
    public byte[] digest() {
        if (digest == null) {
            digest = Sha256.of(CoverageCodec.canonicalBytes(this));
        }
        return digest.clone();
    }

    public String describePlan() {
        return missionId + " v" + planVersion + " (" + cellCount + " cells)";
    }

    private void checkIndex(int cell) {
        if (cell < 0 || cell >= cellCount) {
            throw new IllegalArgumentException("cell " + cell + " outside 0.." + (cellCount - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoverageSet s && samePlan(s) && Arrays.equals(words, s.words);
    }

    @Override
    public int hashCode() {
        return Objects.hash(missionId, planVersion, cellCount, Arrays.hashCode(words));
    }

    @Override
    public String toString() {
        return "CoverageSet[" + describePlan() + ", " + completed + " completed]";
    }
}
