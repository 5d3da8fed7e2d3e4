/*
 * pathplan: compute-heavy benchmark agent. Plans shortest 4-connected paths with A* (binary heap,
 * Manhattan heuristic) on a `size` x `size` grid whose obstacles come from `seed`, `plans` plans
 * per tick, for `ticks` ticks, and publishes a running checksum of every result.
 *
 * io.lockstep.agents.bench.PathPlanJava is the same algorithm in plain Java; both must produce the
 * same checksum for the same parameters (PathPlanParityTest), so every detail below is part of the
 * contract:
 *   - generator: SplitMix64 seeded with `seed`;
 *   - grid: cells in row-major order (cell = y * size + x), blocked when next() % 100 < density;
 *     if no cell is free, cell 0 is freed;
 *   - each plan draws its start, then its goal, as next() % (size * size) repeated until free;
 *   - A*: heap keys (f << 32) | cell (ties go to the lower cell), lazy deletion, neighbours in the
 *     order east (+1), north (+size), west (-1), south (-size), unit step cost;
 *   - checksum: FNV-1a over 64-bit words, per plan: start, goal, length (-1 if unreachable),
 *     expanded-node count, then the path cells from goal back to start.
 *
 * After each tick kv "checksum" holds the checksum as 16 lower-case hex digits and kv "plans" the
 * number of plans done, both also logged.
 *
 * Params (all optional): seed (default 1), size (8..256, default 128), density (obstacle percent,
 * 0..60, default 25), plans (per tick, 1..1000, default 1), ticks (1..1000000, default 10).
 * Cost on a 128 x 128 grid at 25% density: init about 0.7 million instructions, a plan typically
 * 0.05 to 2 million (more when the goal is walled off and A* exhausts a large region), so the
 * default fuel_per_tick of 10 million fits a few plans per tick. Grants: none.
 */
#include "lockstep.h"

#define MAX_SIZE 256
#define MAX_CELLS (MAX_SIZE * MAX_SIZE)
/* Lazy deletion pushes a cell at most once per neighbour, plus the start. */
#define HEAP_CAPACITY (4 * MAX_CELLS + 1)

static int64_t size = 128;
static int64_t density = 25;
static int64_t plans_per_tick = 1;
static int64_t total_ticks = 10;
static uint64_t rng_state;

static int32_t cells;
static uint8_t blocked[MAX_CELLS];
static uint8_t closed[MAX_CELLS];
static int32_t cost[MAX_CELLS];
static int32_t parent[MAX_CELLS];
static uint64_t heap[HEAP_CAPACITY];
static int32_t heap_len;

static uint64_t checksum = 0xcbf29ce484222325ull;
static uint64_t plans_done = 0;
static int64_t ticks_done = 0;

LOCKSTEP_STANDARD_EXPORTS()

static uint64_t next_random(void) {
    rng_state += 0x9e3779b97f4a7c15ull;
    uint64_t z = rng_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void mix(uint64_t word) {
    checksum ^= word;
    checksum *= 0x100000001b3ull;
}

static int32_t fail_param(const char *name) {
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "pathplan: invalid parameter ");
    lockstep_text_str(&t, name);
    lockstep_log_text(LOCKSTEP_LOG_ERROR, &t);
    return 1;
}

LOCKSTEP_INIT(params, params_len) {
    int64_t seed = 1;
    if (!lockstep_param_i64(params, params_len, "seed", INT64_MIN, INT64_MAX, &seed)) {
        return fail_param("seed (a 64-bit integer)");
    }
    if (!lockstep_param_i64(params, params_len, "size", 8, MAX_SIZE, &size)) {
        return fail_param("size (8..256)");
    }
    if (!lockstep_param_i64(params, params_len, "density", 0, 60, &density)) {
        return fail_param("density (0..60)");
    }
    if (!lockstep_param_i64(params, params_len, "plans", 1, 1000, &plans_per_tick)) {
        return fail_param("plans (1..1000)");
    }
    if (!lockstep_param_i64(params, params_len, "ticks", 1, 1000000, &total_ticks)) {
        return fail_param("ticks (1..1000000)");
    }
    rng_state = (uint64_t)seed;
    cells = (int32_t)(size * size);
    int32_t free_cells = 0;
    for (int32_t c = 0; c < cells; c++) {
        blocked[c] = next_random() % 100u < (uint64_t)density;
        free_cells += !blocked[c];
    }
    if (free_cells == 0) {
        blocked[0] = 0;
    }
    return 0;
}

static void heap_push(uint64_t key) {
    int32_t i = heap_len++;
    while (i > 0) {
        int32_t up = (i - 1) / 2;
        if (heap[up] <= key) {
            break;
        }
        heap[i] = heap[up];
        i = up;
    }
    heap[i] = key;
}

static uint64_t heap_pop(void) {
    uint64_t top = heap[0];
    uint64_t last = heap[--heap_len];
    int32_t i = 0;
    for (;;) {
        int32_t child = 2 * i + 1;
        if (child >= heap_len) {
            break;
        }
        if (child + 1 < heap_len && heap[child + 1] < heap[child]) {
            child++;
        }
        if (last <= heap[child]) {
            break;
        }
        heap[i] = heap[child];
        i = child;
    }
    if (heap_len > 0) {
        heap[i] = last;
    }
    return top;
}

static int32_t random_free_cell(void) {
    for (;;) {
        int32_t c = (int32_t)(next_random() % (uint64_t)cells);
        if (!blocked[c]) {
            return c;
        }
    }
}

static int32_t manhattan(int32_t a, int32_t b) {
    int32_t n = (int32_t)size;
    int32_t dx = a % n - b % n;
    int32_t dy = a / n - b / n;
    return (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy);
}

/* One plan; returns the path length or -1, and stores the expanded-node count. */
static int32_t plan(int32_t start, int32_t goal, int32_t *expanded) {
    int32_t n = (int32_t)size;
    lockstep_memset(closed, 0, (size_t)cells);
    lockstep_memset(cost, 0xff, (size_t)cells * sizeof cost[0]);
    heap_len = 0;
    *expanded = 0;
    cost[start] = 0;
    parent[start] = start;
    heap_push(((uint64_t)(uint32_t)manhattan(start, goal) << 32) | (uint32_t)start);
    while (heap_len > 0) {
        int32_t cell = (int32_t)(uint32_t)heap_pop();
        if (closed[cell]) {
            continue;
        }
        closed[cell] = 1;
        (*expanded)++;
        if (cell == goal) {
            return cost[goal];
        }
        int32_t x = cell % n;
        int32_t y = cell / n;
        int32_t neighbours[4];
        int32_t count = 0;
        if (x + 1 < n) neighbours[count++] = cell + 1;
        if (y + 1 < n) neighbours[count++] = cell + n;
        if (x > 0) neighbours[count++] = cell - 1;
        if (y > 0) neighbours[count++] = cell - n;
        int32_t next_cost = cost[cell] + 1;
        for (int32_t k = 0; k < count; k++) {
            int32_t m = neighbours[k];
            if (blocked[m] || closed[m]) {
                continue;
            }
            if (cost[m] < 0 || next_cost < cost[m]) {
                cost[m] = next_cost;
                parent[m] = cell;
                heap_push(((uint64_t)(uint32_t)(next_cost + manhattan(m, goal)) << 32) | (uint32_t)m);
            }
        }
    }
    return -1;
}

static void plan_and_mix(int32_t *length_out, int32_t *expanded_out) {
    int32_t start = random_free_cell();
    int32_t goal = random_free_cell();
    int32_t expanded;
    int32_t length = plan(start, goal, &expanded);
    mix((uint64_t)(uint32_t)start);
    mix((uint64_t)(uint32_t)goal);
    mix((uint64_t)(int64_t)length);
    mix((uint64_t)(uint32_t)expanded);
    if (length >= 0) {
        for (int32_t c = goal; c != start; c = parent[c]) {
            mix((uint64_t)(uint32_t)c);
        }
        mix((uint64_t)(uint32_t)start);
    }
    *length_out = length;
    *expanded_out = expanded;
}

LOCKSTEP_TICK(tick) {
    lockstep_heap_reset();
    (void)tick;
    int32_t length = -1;
    int32_t expanded = 0;
    for (int64_t i = 0; i < plans_per_tick; i++) {
        plan_and_mix(&length, &expanded);
        plans_done++;
    }
    ticks_done++;

    lockstep_text hex;
    lockstep_text_clear(&hex);
    lockstep_text_hex64(&hex, checksum);
    lockstep_kv_put_text("checksum", &hex);
    lockstep_kv_put_u64("plans", plans_done);

    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "pathplan: ");
    lockstep_text_u64(&t, plans_done);
    lockstep_text_str(&t, " plans, last length ");
    lockstep_text_i64(&t, length);
    lockstep_text_str(&t, " expanded ");
    lockstep_text_i64(&t, expanded);
    lockstep_text_str(&t, ", checksum ");
    lockstep_text_view(&t, (lockstep_str){hex.data, hex.len});
    lockstep_log_text(LOCKSTEP_LOG_INFO, &t);

    lockstep_progress((int32_t)(ticks_done * 1000 / total_ticks));
    return ticks_done >= total_ticks ? LOCKSTEP_DONE : LOCKSTEP_CONTINUE;
}
