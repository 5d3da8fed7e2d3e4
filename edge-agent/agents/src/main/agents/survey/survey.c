/*
 * survey: flies a lawnmower (boustrophedon) pattern over the node's assigned area.
 *
 * On its first tick it reads the area polygon and lays horizontal lanes `lane_spacing` metres apart
 * across the polygon's bounding box, centred so that the outer lanes are at most half a spacing
 * inside it (every lane sweeps a swath one spacing wide). Each lane is clipped to the polygon, giving
 * two waypoints per lane in alternating directions. Every tick it reads its position and steers
 * straight at the current waypoint with a speed capped by `speed`, by `approach_gain` x distance and
 * by the distance it can brake in at `decel`, moving on once within `tolerance`.
 *
 * A waypoint it has not closed in on by at least 1 m over `stall_ticks` ticks (for instance because
 * the safety supervisor keeps stopping it in front of an obstacle) is skipped with a warning, so the
 * agent always finishes; comparing whole windows rather than single readings keeps the 0.2 m position
 * noise from looking like progress. When every waypoint is handled it commands zero velocity and
 * returns done. Under a latched e-stop it commands zero and waits.
 *
 * Progress is the distance covered along the pattern (from the first waypoint on) over its length,
 * reported to the host whenever it changes and published as text
 * "progress=<permille> waypoint=<i>/<n> x=<m> y=<m>" on swarm/progress/<node> at every waypoint and
 * every 50 permille in between. If that topic is denied the agent stops publishing and keeps flying.
 *
 * Swarm cells: when the node delivers lockstep/event/swarm.cells (granted through subscribe_topics),
 * the agent flies cells instead of the assigned area: it takes the nearest cell it owns and has not
 * covered, flies the same lane pattern over the cell's bounding box, reports the cell covered by
 * emitting its index (u32) on swarm/covered/<node>, and moves on. With no cell left it hovers until
 * the event says every cell of the mission is covered (a lost peer's cells may still come its way),
 * then returns done. Progress is the mission's covered cells over all cells.
 *
 * Params (all optional): lane_spacing (m, default 10), speed (m/s, default 5), tolerance (m,
 * default 1), approach_gain (1/s, default 0.5), decel (m/s^2, default 1), stall_ticks (default 600).
 * Grants: sensor_read, act_velocity, emit (topics swarm/progress/<node>, and swarm/covered/<node> for
 * cells); subscribe_topics lockstep/event/swarm.cells for cells.
 */
#include "lockstep.h"

#define MAX_VERTICES 64
#define MAX_WAYPOINTS 2048
/* Closing in by less than this over a whole stall window counts as stuck (well above position noise). */
#define STALL_PROGRESS_M 1.0

static double lane_spacing = 10.0;
static double max_speed = 5.0;
static double tolerance = 1.0;
static double approach_gain = 0.5;
static double decel = 1.0;
static int64_t stall_ticks = 600;

static lockstep_text progress_topic;
static bool emit_enabled = true;

static bool planned = false;
static lockstep_point waypoints[MAX_WAYPOINTS];
static int32_t waypoint_count = 0;
static int32_t current = 0;
static double window_start_distance = 0.0;
static int64_t window_ticks = 0;
/* path_length[i]: pattern length from waypoint 0 to waypoint i. */
static double path_length[MAX_WAYPOINTS];
static int32_t last_permille = -1;
static int32_t last_published_permille = -1000;
static int32_t last_published_waypoint = -1;

static lockstep_point area[MAX_VERTICES];
static lockstep_sensor_frame frame;

/* Swarm cells: the latest swarm.cells event, and the cells this agent has covered (by index). */
#define MAX_OWNED 1024
/* Slowest approach to a waypoint inside a cell (m/s); tolerance is reached within a few ticks at it. */
#define CELL_CORNER_SPEED 2.0
#define MAX_CELL_INDEX 65536
static bool swarm_mode = false;
static lockstep_swarm_cells swarm;
static lockstep_cell owned[MAX_OWNED];
static int32_t owned_count = 0;
static uint8_t covered_here[MAX_CELL_INDEX / 8];
static int64_t target_cell = -1;
static lockstep_text covered_topic;

LOCKSTEP_STANDARD_EXPORTS()

static int32_t fail_param(const char *name) {
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "survey: invalid parameter ");
    lockstep_text_str(&t, name);
    lockstep_log_text(LOCKSTEP_LOG_ERROR, &t);
    return 1;
}

LOCKSTEP_INIT(params, params_len) {
    if (!lockstep_param_f64(params, params_len, "lane_spacing", 0.5, 10000.0, &lane_spacing)) {
        return fail_param("lane_spacing (0.5..10000 m)");
    }
    if (!lockstep_param_f64(params, params_len, "speed", 0.1, 100.0, &max_speed)) {
        return fail_param("speed (0.1..100 m/s)");
    }
    if (!lockstep_param_f64(params, params_len, "tolerance", 0.05, 1000.0, &tolerance)) {
        return fail_param("tolerance (0.05..1000 m)");
    }
    if (!lockstep_param_f64(params, params_len, "approach_gain", 0.01, 10.0, &approach_gain)) {
        return fail_param("approach_gain (0.01..10 1/s)");
    }
    if (!lockstep_param_f64(params, params_len, "decel", 0.01, 100.0, &decel)) {
        return fail_param("decel (0.01..100 m/s^2)");
    }
    if (!lockstep_param_i64(params, params_len, "stall_ticks", 1, 1000000000, &stall_ticks)) {
        return fail_param("stall_ticks (1..1e9)");
    }
    lockstep_str node = {"", 0};
    lockstep_param(params, params_len, "node", &node);
    lockstep_text_clear(&progress_topic);
    lockstep_text_str(&progress_topic, "swarm/progress/");
    lockstep_text_view(&progress_topic, node);
    lockstep_text_clear(&covered_topic);
    lockstep_text_str(&covered_topic, "swarm/covered/");
    lockstep_text_view(&covered_topic, node);
    return 0;
}

LOCKSTEP_ON_MESSAGE(topic, topic_len, data, data_len) {
    int32_t expected = lockstep_strlen(LOCKSTEP_SWARM_CELLS_TOPIC);
    if (topic_len != expected || !lockstep_bytes_equal(topic, LOCKSTEP_SWARM_CELLS_TOPIC, expected)) {
        return 0; /* not for this agent */
    }
    lockstep_swarm_cells header;
    int32_t n = lockstep_swarm_cells_parse(data, data_len, &header, owned, MAX_OWNED);
    if (n < 0) {
        lockstep_log_cstr(LOCKSTEP_LOG_WARN, "survey: ignoring a malformed swarm.cells event");
        return 0;
    }
    swarm = header;
    owned_count = n;
    swarm_mode = true;
    return 0;
}

static bool is_covered_here(uint32_t cell) {
    return cell < MAX_CELL_INDEX && (covered_here[cell / 8] & (1u << (cell % 8))) != 0;
}

/* Sorts a few crossing abscissae in place (insertion sort: lanes cross a polygon a handful of times). */
static void sort_doubles(double *v, int32_t n) {
    for (int32_t i = 1; i < n; i++) {
        double x = v[i];
        int32_t j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

/*
 * Lays the lanes over the polygon. Each lane spans from its leftmost to its rightmost crossing of
 * the polygon outline (half-open edge rule, so a vertex on the lane is counted once).
 * Returns false when the area is unusable.
 */
static bool plan_lanes(const lockstep_point *poly, int32_t n) {
    double min_x = poly[0].x_m, max_x = poly[0].x_m, min_y = poly[0].y_m, max_y = poly[0].y_m;
    for (int32_t i = 1; i < n; i++) {
        min_x = lockstep_fmin(min_x, poly[i].x_m);
        max_x = lockstep_fmax(max_x, poly[i].x_m);
        min_y = lockstep_fmin(min_y, poly[i].y_m);
        max_y = lockstep_fmax(max_y, poly[i].y_m);
    }
    /*
     * Each lane sweeps a swath `lane_spacing` wide, so ceil(height / spacing) lanes cover the box;
     * centring them leaves at most half a spacing between the outer lanes and the box edges.
     */
    double height = max_y - min_y;
    double needed = height / lane_spacing;
    if (!(needed <= MAX_WAYPOINTS / 2)) {
        return false; /* also catches an infinite height */
    }
    int64_t lanes = (int64_t)needed;
    if ((double)lanes < needed || lanes == 0) {
        lanes++;
    }
    double first_y = min_y + (height - (double)(lanes - 1) * lane_spacing) / 2.0;
    waypoint_count = 0;
    double crossings[MAX_VERTICES];
    for (int64_t lane = 0; lane < lanes; lane++) {
        double y = first_y + (double)lane * lane_spacing;
        int32_t count = 0;
        for (int32_t i = 0; i < n; i++) {
            lockstep_point a = poly[i];
            lockstep_point b = poly[(i + 1) % n];
            if ((a.y_m <= y && y < b.y_m) || (b.y_m <= y && y < a.y_m)) {
                crossings[count++] = a.x_m + (y - a.y_m) * (b.x_m - a.x_m) / (b.y_m - a.y_m);
            }
        }
        if (count < 2) {
            continue; /* the lane only grazes a vertex */
        }
        sort_doubles(crossings, count);
        lockstep_point left = {crossings[0], y};
        lockstep_point right = {crossings[count - 1], y};
        bool eastward = (waypoint_count / 2) % 2 == 0;
        waypoints[waypoint_count++] = eastward ? left : right;
        waypoints[waypoint_count++] = eastward ? right : left;
    }
    if (waypoint_count == 0) {
        /* A sliver thinner than one lane: fly along its widest horizontal extent at mid-height. */
        lockstep_point left = {min_x, (min_y + max_y) / 2.0};
        lockstep_point right = {max_x, (min_y + max_y) / 2.0};
        waypoints[waypoint_count++] = left;
        waypoints[waypoint_count++] = right;
    }
    return true;
}

static int32_t plan(void) {
    int32_t n = lockstep_area(area, MAX_VERTICES);
    if (n == LOCKSTEP_ETOOBIG) {
        lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: area has more than 64 vertices");
        return -2;
    }
    if (n < 3) {
        lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: no assigned area (need at least 3 vertices)");
        return -3;
    }
    for (int32_t i = 0; i < n; i++) {
        if (!lockstep_isfinite(area[i].x_m) || !lockstep_isfinite(area[i].y_m)) {
            lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: area has a non-finite vertex");
            return -3;
        }
    }
    if (!plan_lanes(area, n)) {
        lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: area needs more than 1024 lanes; raise lane_spacing");
        return -4;
    }
    lockstep_text t;
    lockstep_text_clear(&t);
    lockstep_text_str(&t, "survey: planned ");
    lockstep_text_i64(&t, waypoint_count / 2);
    lockstep_text_str(&t, " lanes, ");
    lockstep_text_i64(&t, waypoint_count);
    lockstep_text_str(&t, " waypoints");
    lockstep_log_text(LOCKSTEP_LOG_INFO, &t);
    planned = true;
    return 0;
}

/* Measures the pattern once it is planned. */
static void measure_path(void) {
    path_length[0] = 0.0;
    for (int32_t i = 1; i < waypoint_count; i++) {
        double dx = waypoints[i].x_m - waypoints[i - 1].x_m;
        double dy = waypoints[i].y_m - waypoints[i - 1].y_m;
        path_length[i] = path_length[i - 1] + lockstep_sqrt(dx * dx + dy * dy);
    }
}

/* Permille of the pattern covered, given the distance still to go to the current waypoint. */
static int32_t covered_permille(double distance_to_current) {
    if (current >= waypoint_count) {
        return 1000;
    }
    double total = path_length[waypoint_count - 1];
    if (current == 0 || !(total > 0.0)) {
        return (int32_t)((int64_t)current * 1000 / waypoint_count);
    }
    double leg = path_length[current] - path_length[current - 1];
    double covered = path_length[current - 1] + lockstep_clamp(leg - distance_to_current, 0.0, leg);
    /* 1000 means finished: until then the most it can say is 999. */
    return (int32_t)lockstep_clamp(covered * 1000.0 / total, 0.0, 999.0);
}

static void report_progress(double distance_to_current) {
    /* Position noise can make the covered distance dip: progress only ever moves forward. */
    int32_t permille = covered_permille(distance_to_current);
    if (permille > last_permille) {
        last_permille = permille;
        lockstep_progress(permille);
    }
    permille = last_permille;
    bool due = current != last_published_waypoint || permille - last_published_permille >= 50;
    if (!emit_enabled || !due) {
        return;
    }
    last_published_waypoint = current;
    last_published_permille = permille;
    lockstep_text data;
    lockstep_text_clear(&data);
    lockstep_text_str(&data, "progress=");
    lockstep_text_i64(&data, permille);
    lockstep_text_str(&data, " waypoint=");
    lockstep_text_i64(&data, current);
    lockstep_text_str(&data, "/");
    lockstep_text_i64(&data, waypoint_count);
    lockstep_text_str(&data, " x=");
    lockstep_text_f64(&data, frame.x_m, 2);
    lockstep_text_str(&data, " y=");
    lockstep_text_f64(&data, frame.y_m, 2);
    int32_t rc = lockstep_emit_text(&progress_topic, &data);
    if (rc == LOCKSTEP_EDENIED) {
        emit_enabled = false;
        lockstep_log_cstr(LOCKSTEP_LOG_WARN, "survey: progress topic not granted; not publishing progress");
    }
}

/* Moves to the next waypoint and restarts the stall window. */
static void advance(void) {
    current++;
    window_ticks = 0;
}

/* Steers towards the current waypoint; false once every waypoint is handled (nothing commanded then). */
static bool fly(void) {
    /* Several waypoints can be within tolerance at once (short lanes): take them all this tick. */
    while (current < waypoint_count) {
        double dx = waypoints[current].x_m - frame.x_m;
        double dy = waypoints[current].y_m - frame.y_m;
        double distance = lockstep_sqrt(dx * dx + dy * dy);
        if (distance <= tolerance) {
            advance();
            continue;
        }
        if (window_ticks == 0) {
            window_start_distance = distance;
        }
        if (++window_ticks > stall_ticks) {
            bool stuck = window_start_distance - distance < STALL_PROGRESS_M;
            window_ticks = 0; /* the next tick opens a fresh window */
            if (stuck) {
                lockstep_text t;
                lockstep_text_clear(&t);
                lockstep_text_str(&t, "survey: skipping unreachable waypoint ");
                lockstep_text_i64(&t, current);
                lockstep_log_text(LOCKSTEP_LOG_WARN, &t);
                advance();
                continue;
            }
        }
        double speed = lockstep_fmin(max_speed, approach_gain * distance);
        speed = lockstep_fmin(speed, lockstep_sqrt(2.0 * decel * distance));
        if (swarm_mode) {
            /* Cells are short legs: no crawl into every corner, just slow enough to turn onto the next. */
            speed = lockstep_fmin(max_speed, lockstep_fmax(speed, CELL_CORNER_SPEED));
        }
        lockstep_act_velocity(dx / distance * speed, dy / distance * speed);
        if (!swarm_mode) {
            report_progress(distance);
        }
        return true;
    }
    return false;
}

/* Reports a cell covered; false (after logging) when the topic is not granted. */
static bool report_cell(uint32_t cell) {
    uint8_t data[4] = {(uint8_t)cell, (uint8_t)(cell >> 8), (uint8_t)(cell >> 16), (uint8_t)(cell >> 24)};
    int32_t rc = lockstep_emit(covered_topic.data, covered_topic.len, (const char *)data, 4);
    if (rc == LOCKSTEP_EDENIED) {
        lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: swarm/covered/<node> is not granted; cannot report cells");
        return false;
    }
    return true;
}

/* Picks the nearest owned cell not covered here and lays lanes over it; false when there is none. */
static bool next_cell(void) {
    int32_t best = -1;
    double best_d2 = LOCKSTEP_INFINITY;
    for (int32_t i = 0; i < owned_count; i++) {
        if (is_covered_here(owned[i].index)) {
            continue;
        }
        double cx = (owned[i].min_x + owned[i].max_x) / 2.0 - frame.x_m;
        double cy = (owned[i].min_y + owned[i].max_y) / 2.0 - frame.y_m;
        double d2 = cx * cx + cy * cy;
        if (d2 < best_d2) {
            best_d2 = d2;
            best = i;
        }
    }
    if (best < 0) {
        return false;
    }
    lockstep_cell c = owned[best];
    lockstep_point box[4] = {{c.min_x, c.min_y}, {c.max_x, c.min_y}, {c.max_x, c.max_y}, {c.min_x, c.max_y}};
    if (!plan_lanes(box, 4)) {
        return false;
    }
    target_cell = c.index;
    current = 0;
    window_ticks = 0;
    return true;
}

static bool still_owned(int64_t cell) {
    for (int32_t i = 0; i < owned_count; i++) {
        if ((int64_t)owned[i].index == cell) {
            return true;
        }
    }
    return false;
}

static int32_t swarm_tick(void) {
    if (lockstep_sensor_flag(&frame, LOCKSTEP_FLAG_ESTOP)) {
        lockstep_act_velocity(0.0, 0.0);
        return LOCKSTEP_CONTINUE;
    }
    int32_t permille = swarm.cells_total == 0 ? 0 : (int32_t)((uint64_t)swarm.cells_covered * 1000 / swarm.cells_total);
    lockstep_progress(permille > 999 && swarm.cells_covered < swarm.cells_total ? 999 : permille);
    if (target_cell >= 0 && !still_owned(target_cell)) {
        target_cell = -1; /* taken away (e.g. covered by a peer meanwhile) */
    }
    for (int32_t attempts = 0; attempts < 2; attempts++) {
        if (target_cell < 0 && !next_cell()) {
            break;
        }
        if (fly()) {
            return LOCKSTEP_CONTINUE;
        }
        if (!report_cell((uint32_t)target_cell)) {
            return -5;
        }
        covered_here[target_cell / 8] |= (uint8_t)(1u << (target_cell % 8));
        target_cell = -1;
    }
    /* Nothing left here: cells covered before a restart but still listed are reported again. */
    int32_t resent = 0;
    for (int32_t i = 0; i < owned_count && resent < 16; i++) {
        if (is_covered_here(owned[i].index)) {
            report_cell(owned[i].index);
            resent++;
        }
    }
    lockstep_act_velocity(0.0, 0.0);
    if (swarm.cells_total > 0 && swarm.cells_covered >= swarm.cells_total) {
        lockstep_log_cstr(LOCKSTEP_LOG_INFO, "survey: every cell of the mission is covered");
        return LOCKSTEP_DONE;
    }
    return LOCKSTEP_CONTINUE;
}

LOCKSTEP_TICK(tick) {
    lockstep_heap_reset();
    (void)tick;
    int32_t rc = lockstep_sensor_read_frame(&frame);
    if (rc < 0) {
        lockstep_log_cstr(LOCKSTEP_LOG_ERROR, "survey: cannot read the sensor frame");
        return -1;
    }
    if (swarm_mode) {
        return swarm_tick();
    }
    if (!planned) {
        int32_t planned_rc = plan();
        if (planned_rc != 0) {
            return planned_rc;
        }
        measure_path();
    }
    if (lockstep_sensor_flag(&frame, LOCKSTEP_FLAG_ESTOP)) {
        lockstep_act_velocity(0.0, 0.0);
        return LOCKSTEP_CONTINUE;
    }
    if (fly()) {
        return LOCKSTEP_CONTINUE;
    }
    lockstep_act_velocity(0.0, 0.0);
    report_progress(0.0);
    lockstep_log_cstr(LOCKSTEP_LOG_INFO, "survey: pattern complete");
    return LOCKSTEP_DONE;
}
