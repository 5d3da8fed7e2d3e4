package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.message.WhatAmI;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The session flags every Zenoh example program takes: -e, -l, -m. */
public final class SessionOptions {
    @Option(names = {"-e", "--connect"}, paramLabel = "ENDPOINT", description = "endpoint to connect to, e.g. tcp/127.0.0.1:7447 (repeatable)")
    List<String> connect = new ArrayList<>();

    @Option(names = {"-l", "--listen"}, paramLabel = "ENDPOINT", description = "endpoint to listen on, e.g. tcp/127.0.0.1:7447 (repeatable)")
    List<String> listen = new ArrayList<>();

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "peer", description = "peer or client (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--multicast-scouting", description = "find peers with SCOUT/HELLO on 224.0.0.224:7446")
    boolean multicastScouting;

    Config config() {
        Config c = new Config().mode(WhatAmI.parse(mode)).multicastScouting(multicastScouting);
        connect.forEach(c::connect);
        listen.forEach(c::listen);
        return c;
    }

    Session open() throws IOException {
        System.out.println("Opening session...");
        return Zenoh.open(config());
    }
}
