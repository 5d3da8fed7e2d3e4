package io.lockstep.cli.bench.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The node benchmark's figures, as {@code node.json} and as a table. A figure that could not be measured is
 * null in the JSON and "n/a" in the table, with the reason among the notes.
 *
 * @param heap null when not measured
 * @param startups empty when not measured
 * @param supervisor null when not measured
 * @param recovery null when not measured
 * @param outcome null when the mission's end was not awaited
 */
record NodeBenchReport(boolean quick, int cores, String jvmVersion, HeapFigures heap, List<StartupSample> startups,
        SupervisorOverhead supervisor, RecoveryFigures recovery, MissionOutcome outcome, List<String> notes) {
    static final double HEAP_TARGET_MIB = 256;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    NodeBenchReport {
        startups = List.copyOf(startups);
        notes = List.copyOf(notes);
    }

    Double startupToLinkReadyMs() {
        return startups.isEmpty() ? null : Samples.median(startups.stream().map(StartupSample::linkReadyMs).toList());
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "node");
        root.put("quick", quick);
        root.put("cores", cores);
        root.put("jvm_version", jvmVersion);
        root.put("heap_mib", heap == null ? null : round1(heap.maxMib()));
        root.put("heap_mib_mean", heap == null ? null : round1(heap.meanMib()));
        root.put("heap_mib_after_forced_gc", heap == null || heap.afterForcedGcMib() == null ? null
                : round1(heap.afterForcedGcMib()));
        root.put("heap_target_mib", HEAP_TARGET_MIB);
        root.put("heap_within_target", heap == null ? null : heap.maxMib() <= HEAP_TARGET_MIB);
        root.put("heap_samples", heap == null ? 0 : heap.samplesMib().size());
        root.put("heap_max_setting", heap == null ? null : "-Xmx" + heap.maxHeapSetting());
        root.put("heap_mission_ticks", heap == null ? null : List.of(heap.firstTick(), heap.lastTick()));
        root.put("startup_to_link_ready_ms", startupToLinkReadyMs());
        root.put("startup_samples", startups.stream().map(NodeBenchReport::startupJson).toList());
        root.put("supervisor_overhead_ns_per_command", supervisor == null ? null
                : round1(supervisor.overheadNsPerCommand()));
        root.put("supervisor_ns_per_command", supervisor == null ? null : round1(supervisor.supervisedNsPerCommand()));
        root.put("baseline_ns_per_command", supervisor == null ? null : round1(supervisor.straightNsPerCommand()));
        root.put("supervisor_ratio", supervisor == null || Double.isNaN(supervisor.ratio()) ? null
                : round2(supervisor.ratio()));
        root.put("supervisor_measured_commands", supervisor == null ? null : supervisor.measuredCommands());
        root.put("supervisor_overridden_share", supervisor == null ? null : round3(supervisor.overriddenShare()));
        root.put("recovery_after_kill9_ms", recovery == null ? null : recovery.recoveredMs());
        root.put("recovery", recovery == null ? null : recoveryJson());
        root.put("mission_after_recovery", outcome == null ? null : outcomeJson());
        root.put("notes", notes);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> startupJson(StartupSample sample) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("node_link_up_ms", sample.nodeLinkUpMs());
        s.put("c2_connected_ms", sample.c2ConnectedMs());
        s.put("link_ready_ms", sample.linkReadyMs());
        return s;
    }

    private Map<String, Object> recoveryJson() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tick_before_kill", recovery.tickBeforeKill());
        r.put("resumed_after_tick", recovery.resumedAfterTick());
        r.put("ticks_lost", recovery.ticksLost());
        r.put("debug_port_back_ms", recovery.debugBackMs());
        r.put("mission_running_again_ms", recovery.resumedMs());
        r.put("past_previous_tick_ms", recovery.recoveredMs());
        return r;
    }

    private Map<String, Object> outcomeJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("c2_state", outcome.c2State());
        o.put("c2_completed", outcome.completed());
        o.put("node_ticks", outcome.nodeTicks());
        o.put("journal_replays", outcome.journalReplays());
        o.put("replay_detail", outcome.replayDetail());
        return o;
    }

    String toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "measured", "target"});
        rows.add(new String[] {"heap in use, max (MiB)", heap == null ? "n/a" : fmt1(heap.maxMib()),
                "<= 256" + (heap == null ? "" : heap.maxMib() <= HEAP_TARGET_MIB ? "  met" : "  MISSED")});
        rows.add(new String[] {"heap in use, mean (MiB)", heap == null ? "n/a" : fmt1(heap.meanMib()), ""});
        rows.add(new String[] {"heap after forced GC (MiB)",
                heap == null || heap.afterForcedGcMib() == null ? "n/a" : fmt1(heap.afterForcedGcMib()),
                heap == null ? "" : "(node runs with -Xmx" + heap.maxHeapSetting() + ", "
                        + heap.samplesMib().size() + " samples)"});
        Double startup = startupToLinkReadyMs();
        rows.add(new String[] {"start-up to link-ready, median (ms)", startup == null ? "n/a" : fmt0(startup),
                startups.isEmpty() ? "" : "(" + startups.size() + " starts)"});
        rows.add(new String[] {"supervisor overhead per command (ns)",
                supervisor == null ? "n/a" : fmt1(supervisor.overheadNsPerCommand()), ""});
        rows.add(new String[] {"  supervised / straight (ns)", supervisor == null ? "n/a"
                : fmt1(supervisor.supervisedNsPerCommand()) + " / " + fmt1(supervisor.straightNsPerCommand()),
                supervisor == null ? "" : "(x" + fmt2(supervisor.ratio()) + "; rules acted on "
                        + fmt1(100 * supervisor.overriddenShare()) + " % of commands)"});
        rows.add(new String[] {"recovery after kill -9 (ms)", recovery == null ? "n/a" : Long.toString(recovery.recoveredMs()),
                ""});
        if (recovery != null) {
            rows.add(new String[] {"  tick before kill / resumed after", recovery.tickBeforeKill() + " / "
                    + (recovery.resumedAfterTick() == null ? "?" : recovery.resumedAfterTick()),
                    recovery.ticksLost() == null ? "" : "(" + recovery.ticksLost() + " ticks lost)"});
        }
        if (outcome != null) {
            rows.add(new String[] {"  mission in C2 / journal replays", outcome.c2State() + " / "
                    + (outcome.journalReplays() ? "yes" : "NO"), ""});
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-38s %-16s %s", row[0], row[1], row[2]).stripTrailing())
                    .append('\n');
        }
        out.append(String.format(Locale.ROOT, "(%d cores, Java %s%s)%n", cores, jvmVersion, quick ? ", --quick" : ""));
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
