package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.ConsolidationMode;
import io.lockstep.mesh.api.GetOptions;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.api.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_get: send a query and print the replies. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Query and print the replies.")
public final class GetCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--selector"}, defaultValue = "demo/example/**", description = "selector (key?params)")
    String selector;

    @Option(names = {"-v", "--value"}, description = "value sent with the query")
    String value;

    @Option(names = {"-o", "--timeout"}, defaultValue = "10000", description = "timeout in ms (default ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = {"-c", "--consolidation"}, defaultValue = "auto", description = "auto, none, monotonic or latest")
    String consolidation;

    @Override
    public Integer call() throws Exception {
        try (Session s = session.open()) {
            System.out.println("Sending Query '" + selector + "'...");
            GetOptions o = GetOptions.DEFAULT.withTimeout(Duration.ofMillis(timeoutMs))
                    .withConsolidation(ConsolidationMode.valueOf(consolidation.toUpperCase(Locale.ROOT)));
            if (value != null) {
                o = o.withPayload(value.getBytes(StandardCharsets.UTF_8));
            }
            for (Reply r : s.getAll(selector, o)) {
                if (r.isOk()) {
                    System.out.println(">> Received ('" + r.sample().keyExpr() + "': '" + r.sample().payloadAsString() + "')");
                } else {
                    System.out.println(">> Received (ERROR: '" + r.errorAsString() + "')");
                }
            }
            System.out.println(">> Received query final notification");
        }
        return 0;
    }
}
