/*
 * hazard-scout: samples its range sensor every `every` ticks, asks model `model` (default "hazard":
 * 8 f32 inputs -> 1 f32 hazard score in [0, 1]) how dangerous the surroundings look, and reports
 * scores above `threshold` on swarm/hazard/<node>.
 *
 * Features: the beams are split into 8 equal sectors by index (sector j holds beams i with
 * i * 8 / N == j, i.e. sector 0 starts east and they go counter-clockwise); feature j is the
 * smallest range in sector j divided by `max_range` and clamped to [0, 1] (no return, an empty
 * sector or a missing reading count as 1 = clear).
 *
 * The sampling phase is jittered: at init it draws rand_u64() % every and samples on the ticks
 * where (ticks seen + phase) % every == 0, so scouts of one mission do not all sample at once while
 * every replay samples on the same ticks.
 *
 * A report is the text "x=<m> y=<m> score=<0..1> tick=<n>". The kv store keeps decimal counters
 * "samples", "hazards" and "infer_errors"; an inference failure is logged and counted, not fatal.
 *
 * Params (all optional): every (1..100000, default 10), threshold (0..1, default 0.5), max_range
 * (m, default 30), model (default "hazard"), ticks (default 500; the agent returns done after that
 * many ticks so that its mission can complete; 0 = never finish on its own).
 * Grants: sensor_read, infer (model "hazard"), emit (topic swarm/hazard/<node>).
 */
#include "lockstep.h"

#define SECTORS 8

static int64_t every = 10;
static double threshold = 0.5;
static double max_range = 30.0;
static int64_t total_ticks = 500;
static lockstep_text model;
static lockstep_text hazard_topic;

static uint64_t phase;
static int64_t ticks_seen = 0;
static uint64_t samples = 0;
static uint64_t hazards = 0;
static uint64_t infer_errors = 0;

static lockstep_sensor_frame frame;

LOCKSTEP_STANDARD_EXPORTS()

static int32_t fail_param(const char *name) {
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "hazard-scout: invalid parameter ");
    lockstep_text_str(&t, name);
    lockstep_log_text(LOCKSTEP_LOG_ERROR, &t);
    return 1;
}

LOCKSTEP_INIT(params, params_len) {
    if (!lockstep_param_i64(params, params_len, "every", 1, 100000, &every)) {
        return fail_param("every (1..100000)");
    }
    if (!lockstep_param_f64(params, params_len, "threshold", 0.0, 1.0, &threshold)) {
        return fail_param("threshold (0..1)");
    }
    if (!lockstep_param_f64(params, params_len, "max_range", 0.1, 100000.0, &max_range)) {
        return fail_param("max_range (0.1..100000 m)");
    }
    if (!lockstep_param_i64(params, params_len, "ticks", 0, 1000000000000LL, &total_ticks)) {
        return fail_param("ticks (0..1e12)");
    }
    lockstep_str model_name = lockstep_cstr("hazard");
    lockstep_param(params, params_len, "model", &model_name);
    if (model_name.len == 0 || model_name.len > 128) {
        return fail_param("model (1..128 bytes)");
    }
    lockstep_text_clear(&model);
    lockstep_text_view(&model, model_name);

    lockstep_str node = {"", 0};
    lockstep_param(params, params_len, "node", &node);
    lockstep_text_clear(&hazard_topic);
    lockstep_text_str(&hazard_topic, "swarm/hazard/");
    lockstep_text_view(&hazard_topic, node);

    phase = lockstep_rand_u64() % (uint64_t)every;
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "hazard-scout: sampling every ");
    lockstep_text_i64(&t, every);
    lockstep_text_str(&t, " ticks, phase ");
    lockstep_text_u64(&t, phase);
    lockstep_log_text(LOCKSTEP_LOG_INFO, &t);
    return 0;
}

/* Fills the 8 normalised sector features from the frame's beams. */
static void sector_features(float *features) {
    double nearest[SECTORS];
    for (int j = 0; j < SECTORS; j++) {
        nearest[j] = LOCKSTEP_INFINITY;
    }
    uint32_t n = frame.range_count;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t sector = (uint32_t)((uint64_t)i * SECTORS / n);
        nearest[sector] = lockstep_fmin(nearest[sector], lockstep_sensor_range(&frame, i));
    }
    for (int j = 0; j < SECTORS; j++) {
        features[j] = (float)lockstep_clamp(nearest[j] / max_range, 0.0, 1.0);
    }
}

static void sample(void) {
    float features[SECTORS];
    float score[1];
    sector_features(features);
    samples++;
    lockstep_kv_put_u64("samples", samples);
    int32_t rc = lockstep_infer(model.data, model.len, features, SECTORS, score, 1);
    if (rc < 1) {
        infer_errors++;
        lockstep_kv_put_u64("infer_errors", infer_errors);
        lockstep_text t;
        lockstep_text_clear(&t);
        lockstep_text_str(&t, "hazard-scout: inference failed with code ");
        lockstep_text_i64(&t, rc);
        lockstep_log_text(LOCKSTEP_LOG_WARN, &t);
        return;
    }
    double value = (double)score[0];
    lockstep_text line;
    lockstep_text_clear(&line);
    lockstep_text_str(&line, "hazard-scout: score ");
    lockstep_text_f64(&line, value, 3);
    if (!(value > threshold)) {
        lockstep_text_str(&line, " <= threshold, nothing to report");
        lockstep_log_text(LOCKSTEP_LOG_DEBUG, &line);
        return;
    }
    hazards++;
    lockstep_kv_put_u64("hazards", hazards);
    lockstep_text report;
    lockstep_text_clear(&report);
    lockstep_text_str(&report, "x=");
    lockstep_text_f64(&report, frame.x_m, 2);
    lockstep_text_str(&report, " y=");
    lockstep_text_f64(&report, frame.y_m, 2);
    lockstep_text_str(&report, " score=");
    lockstep_text_f64(&report, value, 3);
    lockstep_text_str(&report, " tick=");
    lockstep_text_u64(&report, frame.tick);
    int32_t emitted = lockstep_emit_text(&hazard_topic, &report);
    lockstep_text_str(&line, " > threshold at x=");
    lockstep_text_f64(&line, frame.x_m, 2);
    lockstep_text_str(&line, " y=");
    lockstep_text_f64(&line, frame.y_m, 2);
    lockstep_text_str(&line, emitted >= 0 ? ", reported" : ", report refused with code ");
    if (emitted < 0) {
        lockstep_text_i64(&line, emitted);
    }
    lockstep_log_text(LOCKSTEP_LOG_INFO, &line);
}

LOCKSTEP_TICK(tick) {
    lockstep_heap_reset();
    (void)tick;
    if (((uint64_t)ticks_seen + phase) % (uint64_t)every == 0) {
        int32_t rc = lockstep_sensor_read_frame(&frame);
        if (rc < 0) {
            lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "hazard-scout: cannot read the sensor frame");
            return -1;
        }
        sample();
    }
    ticks_seen++;
    if (total_ticks > 0) {
        lockstep_progress((int32_t)(ticks_seen * 1000 / total_ticks));
        if (ticks_seen >= total_ticks) {
            lockstep_log_cstr(LOCKSTEP_LOG_INFO, "hazard-scout: watch complete");
            return LOCKSTEP_DONE;
        }
    }
    return LOCKSTEP_CONTINUE;
}
