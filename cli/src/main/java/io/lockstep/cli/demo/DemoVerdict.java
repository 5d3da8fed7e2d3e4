package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's last word: it succeeded when nothing went wrong with the mission, the journals at home and the
 * audit trail. Each problem is one sentence, printed and kept in summary.json ({@code verdict}), so that a
 * failed run says why without a reader digging through the logs first.
 */
record DemoVerdict(List<String> problems) {

    DemoVerdict {
        problems = List.copyOf(problems);
    }

    @SafeVarargs
    static DemoVerdict of(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return new DemoVerdict(all);
    }

    boolean succeeded() {
        return problems.isEmpty();
    }

    void print(PrintStream console, Path logs) {
        if (succeeded()) {
            console.println("Demo succeeded.");
            return;
        }
        console.println("Demo FAILED:");
        problems.forEach(problem -> console.println("  - " + problem));
        console.println("  logs: " + logs);
    }

    void addTo(ObjectNode root) {
        ObjectNode verdict = root.putObject("verdict");
        verdict.put("succeeded", succeeded());
        ArrayNode list = verdict.putArray("problems");
        problems.forEach(list::add);
    }
}
