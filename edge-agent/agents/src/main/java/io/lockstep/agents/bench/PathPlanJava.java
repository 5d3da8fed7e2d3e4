package io.lockstep.agents.bench;

import java.util.Arrays;

/**
 * The pathplan agent's workload in plain Java, for comparing the Wasm runtime against the JVM.
 *
 * <p>Same parameters, same generator, same A* and the same checksum as
 * {@code src/main/agents/pathplan/pathplan.c} (its header comment is the shared specification):
 * for equal {@code seed, size, density} and the same number of plans, {@link #checksum()} equals the
 * agent's kv value "checksum". The constructor is the agent's init; {@code runPlans(plans)} is one
 * of its ticks.
 */
public final class PathPlanJava {

    public static final int MIN_SIZE = 8;
    public static final int MAX_SIZE = 256;
    public static final int MAX_DENSITY = 60;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** One plan's outcome; {@code length} is -1 when the goal is unreachable. */
    public record PlanResult(int start, int goal, int length, int expanded) {
    }

    private final int size;
    private final int cells;
    private final SplitMix64 random;
    private final boolean[] blocked;
    private final boolean[] closed;
    private final int[] cost;
    private final int[] parent;
    private final LongMinHeap heap;
    private long checksum = FNV_OFFSET;
    private long plansDone;

    /**
     * Builds the grid exactly as the agent's init does.
     *
     * @throws IllegalArgumentException when size or density is outside the agent's accepted range
     */
    public PathPlanJava(long seed, int size, int densityPercent) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be in " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
        if (densityPercent < 0 || densityPercent > MAX_DENSITY) {
            throw new IllegalArgumentException("density must be in 0.." + MAX_DENSITY + ", got " + densityPercent);
        }
        this.size = size;
        this.cells = size * size;
        this.random = new SplitMix64(seed);
        this.blocked = new boolean[cells];
        this.closed = new boolean[cells];
        this.cost = new int[cells];
        this.parent = new int[cells];
        this.heap = new LongMinHeap(4 * cells + 1);
        int free = 0;
        for (int c = 0; c < cells; c++) {
            blocked[c] = random.nextBelow(100) < densityPercent;
            free += blocked[c] ? 0 : 1;
        }
        if (free == 0) {
            blocked[0] = false;
        }
    }

    /** Runs {@code count} plans (what the agent does in one tick with {@code plans=count}) and returns the checksum. */
    public long runPlans(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("plan count must not be negative, got " + count);
        }
        for (int i = 0; i < count; i++) {
            planNext();
        }
        return checksum;
    }

    /** Draws the next start and goal, plans between them and folds the result into the checksum. */
    public PlanResult planNext() {
        int start = randomFreeCell();
        int goal = randomFreeCell();
        int[] expanded = new int[1];
        int length = plan(start, goal, expanded);
        mix(start);
        mix(goal);
        mix(length);
        mix(expanded[0]);
        if (length >= 0) {
            for (int c = goal; c != start; c = parent[c]) {
                mix(c);
            }
            mix(start);
        }
        plansDone++;
        return new PlanResult(start, goal, length, expanded[0]);
    }

    public long checksum() {
        return checksum;
    }

    /** The checksum as the agent writes it to kv: 16 lower-case hex digits. */
    public String checksumHex() {
        return String.format("%016x", checksum);
    }

    public long plansDone() {
        return plansDone;
    }

    public boolean isBlocked(int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            throw new IllegalArgumentException("cell (" + x + ", " + y + ") is outside the " + size + "x" + size + " grid");
        }
        return blocked[y * size + x];
    }

    private void mix(long word) {
        checksum ^= word;
        checksum *= FNV_PRIME;
    }

    private int randomFreeCell() {
        while (true) {
            int c = (int) random.nextBelow(cells);
            if (!blocked[c]) {
                return c;
            }
        }
    }

    private int manhattan(int a, int b) {
        return Math.abs(a % size - b % size) + Math.abs(a / size - b / size);
    }

    private static long key(int f, int cell) {
        return ((long) f << 32) | cell;
    }

    private int plan(int start, int goal, int[] expanded) {
        Arrays.fill(closed, false);
        Arrays.fill(cost, -1);
        heap.clear();
        cost[start] = 0;
        parent[start] = start;
        heap.push(key(manhattan(start, goal), start));
        int[] neighbours = new int[4];
        while (!heap.isEmpty()) {
            int cell = (int) heap.pop();
            if (closed[cell]) {
                continue;
            }
            closed[cell] = true;
            expanded[0]++;
            if (cell == goal) {
                return cost[goal];
            }
            int x = cell % size;
            int y = cell / size;
            int count = 0;
            if (x + 1 < size) {
                neighbours[count++] = cell + 1;
            }
            if (y + 1 < size) {
                neighbours[count++] = cell + size;
            }
            if (x > 0) {
                neighbours[count++] = cell - 1;
            }
            if (y > 0) {
                neighbours[count++] = cell - size;
            }
            int nextCost = cost[cell] + 1;
            for (int k = 0; k < count; k++) {
                int m = neighbours[k];
                if (blocked[m] || closed[m]) {
                    continue;
                }
                if (cost[m] < 0 || nextCost < cost[m]) {
                    cost[m] = nextCost;
                    parent[m] = cell;
                    heap.push(key(nextCost + manhattan(m, goal), m));
                }
            }
        }
        return -1;
    }
}
