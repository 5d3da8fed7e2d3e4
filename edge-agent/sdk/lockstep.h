/*
 * lockstep.h - C SDK for Lockstep agents, ABI version 1 (see docs/agent-abi.md).
 *
 * Freestanding: no libc, no WASI. Everything here is either a host import, a compiler builtin that
 * lowers to a single WebAssembly instruction, or a small static inline helper. Build agents with
 * the command line in edge-agent/sdk/README.md (it enables bulk memory, which this header requires
 * so that memcpy/memset become memory.copy/memory.fill instead of calls to a libc that is not there).
 *
 * A minimal agent:
 *
 *     #include "lockstep.h"
 *     LOCKSTEP_STANDARD_EXPORTS()
 *     LOCKSTEP_INIT(params, params_len) { return 0; }
 *     LOCKSTEP_TICK(tick) { lockstep_heap_reset(); return LOCKSTEP_DONE; }
 *
 * Host functions that need a grant (sensor_read, act_velocity, emit, infer) only become imports of
 * the module when the agent actually calls them, directly or through a helper below: the linker
 * drops unreferenced declarations and unused static inline helpers. An agent therefore needs
 * exactly the grants for the functions it uses.
 */
#ifndef LOCKSTEP_H
#define LOCKSTEP_H

/* Compiler-provided freestanding headers, not libc. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__wasm32__)
#error "lockstep.h targets wasm32: build with clang --target=wasm32"
#endif
#if !defined(__wasm_bulk_memory__)
#error "lockstep.h needs -mbulk-memory so that memcpy/memset compile to memory.copy/memory.fill"
#endif

#define LOCKSTEP_ABI_VERSION 1

/* ---------------------------------------------------------------------------------------------
 * Return codes of host functions and tick codes
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_OK 0
#define LOCKSTEP_EINVAL (-1)       /* bad argument: pointer/length outside memory, bad UTF-8, NaN */
#define LOCKSTEP_EDENIED (-2)      /* not granted (topic, model) */
#define LOCKSTEP_ETOOBIG (-3)      /* buffer too small or input over a limit */
#define LOCKSTEP_ENOTFOUND (-4)    /* no such key or model */
#define LOCKSTEP_ELIMIT (-5)       /* a per-tick or per-agent quota is used up */
#define LOCKSTEP_EUNAVAILABLE (-6) /* the service failed; deterministic in replay */

#define LOCKSTEP_CONTINUE 0 /* tick me again next period */
#define LOCKSTEP_DONE 1     /* finished; never ticked again. Negative codes fault the agent. */

#define LOCKSTEP_LOG_DEBUG 0
#define LOCKSTEP_LOG_INFO 1
#define LOCKSTEP_LOG_WARN 2
#define LOCKSTEP_LOG_ERROR 3

/* Limits the host enforces, mirrored so agents can size buffers. */
#define LOCKSTEP_LOG_MAX 1024
#define LOCKSTEP_KV_KEY_MAX 128
#define LOCKSTEP_KV_VALUE_MAX 4096
#define LOCKSTEP_TOPIC_MAX 256
#define LOCKSTEP_EMIT_DATA_MAX 65536

/* ---------------------------------------------------------------------------------------------
 * Host imports (module "lockstep")
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_IMPORT(name) __attribute__((import_module("lockstep"), import_name(name)))
#define LOCKSTEP_EXPORT(name) __attribute__((export_name(name)))

/* Always granted. */
LOCKSTEP_IMPORT("log") int32_t lockstep_log(int32_t level, const char *ptr, int32_t len);
LOCKSTEP_IMPORT("rand_u64") uint64_t lockstep_rand_u64(void);
LOCKSTEP_IMPORT("progress") int32_t lockstep_progress(int32_t permille);
LOCKSTEP_IMPORT("area_vertices") int32_t lockstep_area_vertices(double *xy_pairs, int32_t max_vertices);
LOCKSTEP_IMPORT("kv_get") int32_t lockstep_kv_get(const char *key, int32_t key_len, void *buf, int32_t buf_cap);
LOCKSTEP_IMPORT("kv_put") int32_t lockstep_kv_put(const char *key, int32_t key_len, const void *val, int32_t val_len);

/* Granted by name in the mission's CapabilityGrant.host_functions. */
LOCKSTEP_IMPORT("sensor_read") int32_t lockstep_sensor_read(void *buf, int32_t buf_cap);
LOCKSTEP_IMPORT("act_velocity") int32_t lockstep_act_velocity(double vx_mps, double vy_mps);
LOCKSTEP_IMPORT("emit") int32_t lockstep_emit(const char *topic, int32_t topic_len, const void *data, int32_t data_len);
LOCKSTEP_IMPORT("infer")
int32_t lockstep_infer(const char *model, int32_t model_len, const float *in, int32_t in_count, float *out,
                       int32_t out_cap);

/* ---------------------------------------------------------------------------------------------
 * Memory helpers (no libc: these compile to memory.copy / memory.fill)
 * ------------------------------------------------------------------------------------------- */

static inline void *lockstep_memcpy(void *dst, const void *src, size_t n) {
    return __builtin_memcpy(dst, src, n);
}

static inline void *lockstep_memset(void *dst, int value, size_t n) {
    return __builtin_memset(dst, value, n);
}

static inline int32_t lockstep_strlen(const char *s) {
    int32_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

static inline bool lockstep_bytes_equal(const char *a, const char *b, int32_t n) {
    for (int32_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Bump allocator behind the lockstep_alloc export
 *
 * The host fills init parameters and incoming messages into buffers it obtains from
 * lockstep_alloc. Allocation bumps a pointer from the linker's __heap_base, growing memory when
 * needed; lockstep_heap_reset() (call it first thing in every tick) frees everything at once.
 * Messages are delivered (lockstep_on_message) just before the tick of the same period, so a
 * message buffer is only valid during its lockstep_on_message call: copy out what the tick needs.
 * ------------------------------------------------------------------------------------------- */

extern unsigned char __heap_base;
static uintptr_t lockstep__heap_top;

static inline void lockstep_heap_reset(void) {
    lockstep__heap_top = (uintptr_t)&__heap_base;
}

/* Returns 8-byte aligned memory of `size` bytes, or NULL when memory cannot grow any further. */
static inline void *lockstep_heap_alloc(uint32_t size) {
    if (lockstep__heap_top == 0) {
        lockstep_heap_reset();
    }
    uint64_t start = ((uint64_t)lockstep__heap_top + 7u) & ~(uint64_t)7u;
    uint64_t end = start + size;
    uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) << 16;
    if (end > have) {
        uint64_t need_pages = ((end - have) + 65535u) >> 16;
        if (end > ((uint64_t)1 << 32) || __builtin_wasm_memory_grow(0, (size_t)need_pages) == (size_t)-1) {
            return NULL;
        }
    }
    lockstep__heap_top = (uintptr_t)end;
    return (void *)(uintptr_t)start;
}

/* ---------------------------------------------------------------------------------------------
 * Export helpers
 * ------------------------------------------------------------------------------------------- */

/* Defines lockstep_abi_version and lockstep_alloc (backed by the bump allocator). Use once. */
#define LOCKSTEP_STANDARD_EXPORTS()                                                                 \
    LOCKSTEP_EXPORT("lockstep_abi_version") int32_t lockstep_abi_version(void) {                    \
        return LOCKSTEP_ABI_VERSION;                                                                \
    }                                                                                               \
    LOCKSTEP_EXPORT("lockstep_alloc") int32_t lockstep_alloc(int32_t size) {                        \
        if (size < 0) {                                                                             \
            return 0;                                                                               \
        }                                                                                           \
        return (int32_t)(uintptr_t)lockstep_heap_alloc((uint32_t)size);                             \
    }

/* Opens the definition of lockstep_init: return 0 for ok, anything else fails the agent. */
#define LOCKSTEP_INIT(params, params_len)                                                           \
    LOCKSTEP_EXPORT("lockstep_init") int32_t lockstep_init(const char *params, int32_t params_len)

/* Opens the definition of lockstep_tick: return LOCKSTEP_CONTINUE, LOCKSTEP_DONE or a negative code. */
#define LOCKSTEP_TICK(tick) LOCKSTEP_EXPORT("lockstep_tick") int32_t lockstep_tick(int64_t tick)

/* Opens the definition of lockstep_on_message (needed when the grant has subscribe_topics). */
#define LOCKSTEP_ON_MESSAGE(topic, topic_len, data, data_len)                                       \
    LOCKSTEP_EXPORT("lockstep_on_message")                                                          \
    int32_t lockstep_on_message(const char *topic, int32_t topic_len, const uint8_t *data, int32_t data_len)

/* ---------------------------------------------------------------------------------------------
 * Math (single WebAssembly instructions, deterministic)
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_INFINITY (__builtin_inf())

static inline double lockstep_sqrt(double x) { return __builtin_sqrt(x); }
static inline double lockstep_fabs(double x) { return __builtin_fabs(x); }
static inline double lockstep_floor(double x) { return __builtin_floor(x); }
/* Plain comparisons: C's fmin/fmax are libc calls, and wasm's f64.min/max differ on NaN and zeros. */
static inline double lockstep_fmin(double a, double b) { return a < b ? a : b; }
static inline double lockstep_fmax(double a, double b) { return a > b ? a : b; }
static inline bool lockstep_isfinite(double x) { return x - x == 0.0; }
static inline double lockstep_clamp(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* ---------------------------------------------------------------------------------------------
 * Strings and init parameters
 * ------------------------------------------------------------------------------------------- */

/* A view of bytes that the agent owns elsewhere; never NUL-terminated. */
typedef struct {
    const char *ptr;
    int32_t len;
} lockstep_str;

static inline lockstep_str lockstep_cstr(const char *s) {
    lockstep_str out = {s, lockstep_strlen(s)};
    return out;
}

static inline bool lockstep_str_eq(lockstep_str a, const char *literal) {
    int32_t n = lockstep_strlen(literal);
    return a.len == n && lockstep_bytes_equal(a.ptr, literal, n);
}

/*
 * Finds `key` in the init parameters (`key=value` lines separated by '\n'). On success stores the
 * value in *value and returns true. When a key appears more than once the last line wins.
 */
static inline bool lockstep_param(const char *params, int32_t params_len, const char *key, lockstep_str *value) {
    int32_t key_len = lockstep_strlen(key);
    bool found = false;
    int32_t line = 0;
    while (line < params_len) {
        int32_t end = line;
        while (end < params_len && params[end] != '\n') {
            end++;
        }
        if (end - line > key_len && params[line + key_len] == '=' &&
            lockstep_bytes_equal(params + line, key, key_len)) {
            value->ptr = params + line + key_len + 1;
            value->len = end - line - key_len - 1;
            found = true;
        }
        line = end + 1;
    }
    return found;
}

/* Parses an optionally signed decimal integer that fits in int64. Returns false on anything else. */
static inline bool lockstep_parse_i64(lockstep_str s, int64_t *out) {
    int32_t i = 0;
    bool negative = false;
    if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) {
        negative = s.ptr[i] == '-';
        i++;
    }
    if (i == s.len) {
        return false;
    }
    uint64_t magnitude = 0;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    for (; i < s.len; i++) {
        char c = s.ptr[i];
        if (c < '0' || c > '9') {
            return false;
        }
        uint64_t digit = (uint64_t)(c - '0');
        if (magnitude > (limit - digit) / 10u) {
            return false;
        }
        magnitude = magnitude * 10u + digit;
    }
    *out = negative ? (int64_t)(0u - magnitude) : (int64_t)magnitude;
    return true;
}

/*
 * Parses a decimal number: [sign] digits [. digits] [e|E [sign] digits]. At most 19 significant
 * digits are used and the result is exact-or-nearest for the usual cases (mantissa < 2^53 and
 * |exponent| <= 22); in every case it is the same on every host, since wasm float arithmetic is
 * deterministic. Returns false on syntax errors and on results that are not finite.
 */
static inline bool lockstep_parse_f64(lockstep_str s, double *out) {
    static const double powers[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int32_t i = 0;
    bool negative = false;
    if (i < s.len && (s.ptr[i] == '-' || s.ptr[i] == '+')) {
        negative = s.ptr[i] == '-';
        i++;
    }
    uint64_t mantissa = 0;
    int32_t significant = 0;
    int32_t exponent = 0;
    int32_t digits = 0;
    for (; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++, digits++) {
        if (significant < 19) {
            mantissa = mantissa * 10u + (uint64_t)(s.ptr[i] - '0');
            if (mantissa != 0) {
                significant++;
            }
        } else {
            exponent++;
        }
    }
    if (i < s.len && s.ptr[i] == '.') {
        i++;
        for (; i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9'; i++, digits++) {
            if (significant < 19) {
                mantissa = mantissa * 10u + (uint64_t)(s.ptr[i] - '0');
                if (mantissa != 0) {
                    significant++;
                }
                exponent--;
            }
        }
    }
    if (digits == 0) {
        return false;
    }
    if (i < s.len && (s.ptr[i] == 'e' || s.ptr[i] == 'E')) {
        lockstep_str rest = {s.ptr + i + 1, s.len - i - 1};
        int64_t e = 0;
        if (!lockstep_parse_i64(rest, &e) || e > 400 || e < -400) {
            return false;
        }
        exponent += (int32_t)e;
        i = s.len;
    }
    if (i != s.len) {
        return false;
    }
    double value = (double)mantissa;
    while (exponent > 22) {
        value *= 1e22;
        exponent -= 22;
    }
    while (exponent < -22) {
        value /= 1e22;
        exponent += 22;
    }
    value = exponent >= 0 ? value * powers[exponent] : value / powers[-exponent];
    if (!lockstep_isfinite(value)) {
        return false;
    }
    *out = negative ? -value : value;
    return true;
}

/*
 * Typed parameter lookups. When `key` is absent *out keeps its default and the result is true;
 * when it is present it must parse and lie in [min, max], otherwise the result is false and *out
 * is unchanged, so that an agent can fail init with a clear log line.
 */
static inline bool lockstep_param_f64(const char *params, int32_t params_len, const char *key, double min,
                                      double max, double *out) {
    lockstep_str raw;
    if (!lockstep_param(params, params_len, key, &raw)) {
        return true;
    }
    double value;
    if (!lockstep_parse_f64(raw, &value) || value < min || value > max) {
        return false;
    }
    *out = value;
    return true;
}

static inline bool lockstep_param_i64(const char *params, int32_t params_len, const char *key, int64_t min,
                                      int64_t max, int64_t *out) {
    lockstep_str raw;
    if (!lockstep_param(params, params_len, key, &raw)) {
        return true;
    }
    int64_t value;
    if (!lockstep_parse_i64(raw, &value) || value < min || value > max) {
        return false;
    }
    *out = value;
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Text building (for log lines, topics, kv values and message payloads)
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_TEXT_CAP 256

/* A fixed-capacity text buffer; appends past the capacity are dropped, never overflow. */
typedef struct {
    char data[LOCKSTEP_TEXT_CAP];
    int32_t len;
} lockstep_text;

static inline void lockstep_text_clear(lockstep_text *t) { t->len = 0; }

static inline void lockstep_text_bytes(lockstep_text *t, const char *bytes, int32_t n) {
    for (int32_t i = 0; i < n && t->len < LOCKSTEP_TEXT_CAP; i++) {
        t->data[t->len++] = bytes[i];
    }
}

static inline void lockstep_text_str(lockstep_text *t, const char *s) {
    lockstep_text_bytes(t, s, lockstep_strlen(s));
}

static inline void lockstep_text_view(lockstep_text *t, lockstep_str s) {
    lockstep_text_bytes(t, s.ptr, s.len);
}

static inline void lockstep_text_u64(lockstep_text *t, uint64_t v) {
    char digits[20];
    int32_t n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
    while (n > 0 && t->len < LOCKSTEP_TEXT_CAP) {
        t->data[t->len++] = digits[--n];
    }
}

static inline void lockstep_text_i64(lockstep_text *t, int64_t v) {
    if (v < 0) {
        lockstep_text_bytes(t, "-", 1);
        lockstep_text_u64(t, 0u - (uint64_t)v);
    } else {
        lockstep_text_u64(t, (uint64_t)v);
    }
}

static inline void lockstep_text_hex64(lockstep_text *t, uint64_t v) {
    static const char hex[16] = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    for (int shift = 60; shift >= 0; shift -= 4) {
        lockstep_text_bytes(t, &hex[(v >> shift) & 15u], 1);
    }
}

/* Fixed-point rendering with `decimals` digits (0..9), rounded half away from zero. */
static inline void lockstep_text_f64(lockstep_text *t, double v, int decimals) {
    if (v != v) {
        lockstep_text_str(t, "nan");
        return;
    }
    if (v < 0) {
        lockstep_text_bytes(t, "-", 1);
        v = -v;
    }
    if (!lockstep_isfinite(v) || v >= 1e18) {
        lockstep_text_str(t, "inf");
        return;
    }
    decimals = decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals);
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++) {
        scale *= 10u;
    }
    double scaled = v * (double)scale + 0.5;
    if (scaled >= 1.8e19) {
        lockstep_text_str(t, "inf");
        return;
    }
    uint64_t fixed = (uint64_t)scaled;
    lockstep_text_u64(t, fixed / scale);
    if (decimals > 0) {
        lockstep_text_bytes(t, ".", 1);
        uint64_t fraction = fixed % scale;
        for (uint64_t digit = scale / 10u; digit > 0; digit /= 10u) {
            char c = (char)('0' + (int)((fraction / digit) % 10u));
            lockstep_text_bytes(t, &c, 1);
        }
    }
}

static inline int32_t lockstep_log_text(int32_t level, const lockstep_text *t) {
    return lockstep_log(level, t->data, t->len);
}

static inline int32_t lockstep_log_cstr(int32_t level, const char *message) {
    return lockstep_log(level, message, lockstep_strlen(message));
}

/* ---------------------------------------------------------------------------------------------
 * Key/value helpers (values stored as decimal text, readable by operators)
 * ------------------------------------------------------------------------------------------- */

static inline int32_t lockstep_kv_put_text(const char *key, const lockstep_text *value) {
    return lockstep_kv_put(key, lockstep_strlen(key), value->data, value->len);
}

static inline int32_t lockstep_kv_put_u64(const char *key, uint64_t value) {
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_u64(&t, value);
    return lockstep_kv_put_text(key, &t);
}

/* Reads a decimal value stored by lockstep_kv_put_u64; *out keeps its value when absent or malformed. */
static inline bool lockstep_kv_get_u64(const char *key, uint64_t *out) {
    char buf[24];
    int32_t n = lockstep_kv_get(key, lockstep_strlen(key), buf, (int32_t)sizeof buf);
    if (n <= 0 || n > (int32_t)sizeof buf) {
        return false;
    }
    lockstep_str s = {buf, n};
    int64_t value;
    if (!lockstep_parse_i64(s, &value) || value < 0) {
        return false;
    }
    *out = (uint64_t)value;
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Sensor frame (layout version 1)
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_FLAG_ESTOP 1u
#define LOCKSTEP_FLAG_LINK_UP 2u
#define LOCKSTEP_FLAG_SUPERVISOR_INTERVENED 4u

/* Largest range_count the helpers accept; a frame with more beams is reported as ETOOBIG. */
#define LOCKSTEP_MAX_RANGES 1024
#define LOCKSTEP_SENSOR_HEADER_SIZE 56

/* Wire layout: little-endian, exactly as wasm32 lays out this struct (asserted below). */
typedef struct {
    uint64_t tick;
    double x_m;
    double y_m;
    double vx_mps;
    double vy_mps;
    double battery_fraction;
    uint32_t flags;
    uint32_t range_count;
    double ranges[LOCKSTEP_MAX_RANGES]; /* only the first range_count entries are meaningful */
} lockstep_sensor_frame;

_Static_assert(offsetof(lockstep_sensor_frame, x_m) == 8, "sensor frame layout");
_Static_assert(offsetof(lockstep_sensor_frame, battery_fraction) == 40, "sensor frame layout");
_Static_assert(offsetof(lockstep_sensor_frame, flags) == 48, "sensor frame layout");
_Static_assert(offsetof(lockstep_sensor_frame, range_count) == 52, "sensor frame layout");
_Static_assert(offsetof(lockstep_sensor_frame, ranges) == LOCKSTEP_SENSOR_HEADER_SIZE, "sensor frame layout");

/*
 * Reads this tick's frame into *frame and validates it: the length must be exactly
 * 56 + 8 * range_count. Returns the frame length, the host's negative code, LOCKSTEP_ETOOBIG when
 * the frame has more than LOCKSTEP_MAX_RANGES beams, or LOCKSTEP_EINVAL when it is malformed.
 */
static inline int32_t lockstep_sensor_read_frame(lockstep_sensor_frame *frame) {
    int32_t n = lockstep_sensor_read(frame, (int32_t)sizeof *frame);
    if (n < 0) {
        return n;
    }
    if (n < LOCKSTEP_SENSOR_HEADER_SIZE || frame->range_count > LOCKSTEP_MAX_RANGES ||
        (uint32_t)n != LOCKSTEP_SENSOR_HEADER_SIZE + 8u * frame->range_count) {
        return LOCKSTEP_EINVAL;
    }
    return n;
}

/* Range of beam i in metres (0 = contact); +inf for a beam that does not exist or a negative/NaN reading. */
static inline double lockstep_sensor_range(const lockstep_sensor_frame *frame, uint32_t i) {
    if (i >= frame->range_count) {
        return LOCKSTEP_INFINITY;
    }
    double r = frame->ranges[i];
    return (r >= 0.0) ? r : LOCKSTEP_INFINITY;
}

static inline bool lockstep_sensor_flag(const lockstep_sensor_frame *frame, uint32_t flag) {
    return (frame->flags & flag) != 0;
}

/* ---------------------------------------------------------------------------------------------
 * Assigned area
 * ------------------------------------------------------------------------------------------- */

typedef struct {
    double x_m;
    double y_m;
} lockstep_point;

/*
 * Reads the node's assigned area polygon into `vertices` (capacity `max`). Returns the vertex count,
 * LOCKSTEP_ETOOBIG when the polygon has more than `max` vertices, or the host's negative code.
 */
static inline int32_t lockstep_area(lockstep_point *vertices, int32_t max) {
    int32_t n = lockstep_area_vertices(&vertices[0].x_m, max);
    if (n > max) {
        return LOCKSTEP_ETOOBIG;
    }
    return n;
}

/* ---------------------------------------------------------------------------------------------
 * Swarm cells (docs/agent-abi.md, "Swarm cells"): the host event lockstep/event/swarm.cells lists
 * the cells this node owns and nobody has covered yet; an agent reports a cell covered by emitting
 * its index (u32, little-endian) on swarm/covered/<node>.
 * ------------------------------------------------------------------------------------------- */

#define LOCKSTEP_SWARM_CELLS_TOPIC "lockstep/event/swarm.cells"
#define LOCKSTEP_SWARM_CELLS_LAYOUT 1u
#define LOCKSTEP_SWARM_CELLS_HEADER 24
#define LOCKSTEP_SWARM_CELL_RECORD 36

typedef struct {
    uint32_t index;
    double min_x;
    double min_y;
    double max_x;
    double max_y;
} lockstep_cell;

typedef struct {
    uint32_t cells_total;
    uint32_t cells_covered;
    uint32_t owned_count; /* cells listed in the event (may exceed what the caller kept) */
    uint64_t plan_version;
} lockstep_swarm_cells;

static inline uint32_t lockstep_le_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t lockstep_le_u64(const uint8_t *p) {
    return (uint64_t)lockstep_le_u32(p) | ((uint64_t)lockstep_le_u32(p + 4) << 32);
}

static inline double lockstep_le_f64(const uint8_t *p) {
    uint64_t bits = lockstep_le_u64(p);
    double d;
    lockstep_memcpy(&d, &bits, sizeof d);
    return d;
}

/*
 * Parses a swarm.cells event into *header and the first `max` cells. Returns the number of cells
 * written, or LOCKSTEP_EINVAL when the data is not a layout-1 swarm.cells event.
 */
static inline int32_t lockstep_swarm_cells_parse(const uint8_t *data, int32_t len, lockstep_swarm_cells *header,
                                                 lockstep_cell *cells, int32_t max) {
    if (len < LOCKSTEP_SWARM_CELLS_HEADER || lockstep_le_u32(data) != LOCKSTEP_SWARM_CELLS_LAYOUT) {
        return LOCKSTEP_EINVAL;
    }
    header->cells_total = lockstep_le_u32(data + 4);
    header->cells_covered = lockstep_le_u32(data + 8);
    header->owned_count = lockstep_le_u32(data + 12);
    header->plan_version = lockstep_le_u64(data + 16);
    if (header->owned_count > (uint32_t)(len - LOCKSTEP_SWARM_CELLS_HEADER) / LOCKSTEP_SWARM_CELL_RECORD ||
        (uint32_t)len != LOCKSTEP_SWARM_CELLS_HEADER + header->owned_count * LOCKSTEP_SWARM_CELL_RECORD) {
        return LOCKSTEP_EINVAL;
    }
    int32_t n = 0;
    for (uint32_t i = 0; i < header->owned_count && n < max; i++) {
        const uint8_t *r = data + LOCKSTEP_SWARM_CELLS_HEADER + i * LOCKSTEP_SWARM_CELL_RECORD;
        cells[n].index = lockstep_le_u32(r);
        cells[n].min_x = lockstep_le_f64(r + 4);
        cells[n].min_y = lockstep_le_f64(r + 12);
        cells[n].max_x = lockstep_le_f64(r + 20);
        cells[n].max_y = lockstep_le_f64(r + 28);
        n++;
    }
    return n;
}

/* ---------------------------------------------------------------------------------------------
 * Emitting and inference helpers
 * ------------------------------------------------------------------------------------------- */

static inline int32_t lockstep_emit_text(const lockstep_text *topic, const lockstep_text *data) {
    return lockstep_emit(topic->data, topic->len, data->data, data->len);
}

static inline int32_t lockstep_infer_named(const char *model, const float *in, int32_t in_count, float *out,
                                           int32_t out_cap) {
    return lockstep_infer(model, lockstep_strlen(model), in, in_count, out, out_cap);
}

#endif /* LOCKSTEP_H */
