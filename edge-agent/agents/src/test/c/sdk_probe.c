/*
 * Test-only module exposing lockstep.h helpers as exports, so that LockstepHeaderTest can check
 * them from Java against reference implementations. Not an agent: it has no lockstep_* exports.
 */
#include "lockstep.h"

/* Parses [ptr, ptr+len) as f64 into *out; returns 1 when accepted. */
LOCKSTEP_EXPORT("probe_parse_f64") int32_t probe_parse_f64(const char *ptr, int32_t len, double *out) {
    lockstep_str s = {ptr, len};
    return lockstep_parse_f64(s, out) ? 1 : 0;
}

LOCKSTEP_EXPORT("probe_parse_i64") int32_t probe_parse_i64(const char *ptr, int32_t len, int64_t *out) {
    lockstep_str s = {ptr, len};
    return lockstep_parse_i64(s, out) ? 1 : 0;
}

static lockstep_text text;

/* Renders v with `decimals` digits; returns the length, the text is at probe_text_ptr(). */
LOCKSTEP_EXPORT("probe_text_f64") int32_t probe_text_f64(double v, int32_t decimals) {
    lockstep_text_clear(&text);
    lockstep_text_f64(&text, v, decimals);
    return text.len;
}

LOCKSTEP_EXPORT("probe_text_i64") int32_t probe_text_i64(int64_t v) {
    lockstep_text_clear(&text);
    lockstep_text_i64(&text, v);
    return text.len;
}

LOCKSTEP_EXPORT("probe_text_hex64") int32_t probe_text_hex64(int64_t v) {
    lockstep_text_clear(&text);
    lockstep_text_hex64(&text, (uint64_t)v);
    return text.len;
}

/* Appends `n` copies of 'x' after the current text: checks that the buffer never overflows. */
LOCKSTEP_EXPORT("probe_text_fill") int32_t probe_text_fill(int32_t n) {
    lockstep_text_clear(&text);
    for (int32_t i = 0; i < n; i++) {
        lockstep_text_str(&text, "x");
    }
    return text.len;
}

LOCKSTEP_EXPORT("probe_text_ptr") int32_t probe_text_ptr(void) {
    return (int32_t)(uintptr_t)text.data;
}

/*
 * Looks up the NUL-terminated key in the params; on success writes the value's offset from
 * `params` and its length to out[0], out[1] and returns 1.
 */
LOCKSTEP_EXPORT("probe_param")
int32_t probe_param(const char *params, int32_t params_len, const char *key, int32_t *out) {
    lockstep_str value;
    if (!lockstep_param(params, params_len, key, &value)) {
        return 0;
    }
    out[0] = (int32_t)(value.ptr - params);
    out[1] = value.len;
    return 1;
}

LOCKSTEP_EXPORT("probe_alloc") int32_t probe_alloc(int32_t size) {
    return (int32_t)(uintptr_t)lockstep_heap_alloc((uint32_t)size);
}

LOCKSTEP_EXPORT("probe_reset") void probe_reset(void) {
    lockstep_heap_reset();
}

LOCKSTEP_EXPORT("probe_heap_base") int32_t probe_heap_base(void) {
    return (int32_t)(uintptr_t)&__heap_base;
}

/* The test writes a frame straight into this struct (sensor_read itself is a host import). */
static lockstep_sensor_frame frame;

LOCKSTEP_EXPORT("probe_frame_ptr") int32_t probe_frame_ptr(void) {
    return (int32_t)(uintptr_t)&frame;
}

/* Range i of the frame stored at probe_frame_ptr(). */
LOCKSTEP_EXPORT("probe_range") double probe_range(int32_t i) {
    return lockstep_sensor_range(&frame, (uint32_t)i);
}

LOCKSTEP_EXPORT("probe_sqrt") double probe_sqrt(double x) {
    return lockstep_sqrt(x);
}

/* LOCKSTEP_ON_MESSAGE must produce the ABI's export: returns topic_len * 1000 + data_len + data[0]. */
LOCKSTEP_ON_MESSAGE(topic, topic_len, data, data_len) {
    (void)topic;
    return topic_len * 1000 + data_len + (data_len > 0 ? data[0] : 0);
}
