package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Queryable;
import io.lockstep.mesh.api.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_queryable: answer every query on a key expression with a fixed value. */
@Command(name = "queryable", mixinStandardHelpOptions = true, description = "Answer queries with a value.")
public final class QueryableCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "demo/example/lockstep-queryable", description = "key expression")
    String key;

    @Option(names = {"-v", "--value"}, defaultValue = "Queryable from Lockstep!", description = "reply value")
    String value;

    @Option(names = "--complete", description = "declare the queryable as complete")
    boolean complete;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        System.out.println("Declaring Queryable on '" + key + "'...");
        Queryable q = s.declareQueryable(key, complete, query -> {
            String payload = query.payloadAsString();
            System.out.println(">> [Queryable ] Received Query '" + query.selector() + "'"
                    + (payload == null ? "" : " with payload '" + payload + "'"));
            System.out.println(">> [Queryable ] Responding ('" + key + "': '" + value + "')");
            query.reply(key, value);
        });
        System.out.println("Press CTRL-C to quit...");
        Waiting.untilInterrupted(q, s);
        return 0;
    }
}
