/**
 * The deterministic WebAssembly runtime of an edge node: runs a mission's agents (docs/agent-abi.md) tick by
 * tick so that the same journaled inputs give the same behaviour, bit for bit, in both execution modes, on
 * replay and after a restart (docs/determinism.md).
 *
 * <pre>{@code
 * try (MissionRuntime rt = MissionRuntime.builder()
 *         .missionId("m-17").nodeId("node-a")
 *         .agent(new AgentDefinition("survey", wasm, params, grant))     // repeatable; order = run order
 *         .assignedArea(new double[] {0, 0, 100, 0, 100, 50})
 *         .limits(RuntimeLimits.defaults())
 *         .executionMode(ExecutionMode.COMPILED)
 *         .inference(onnxService)
 *         .journal(Path.of("m-17.journal")).snapshotEvery(1000)
 *         .build()) {                                                  // ModuleRejectedException names the problem
 *     TickResult r = rt.tick(TickInputs.builder().sensorFrame(frame.encode()).build());
 *     r.velocityCommand().ifPresent(vehicle::command);
 *     r.emitted().forEach(mesh::publish);                              // peers only; local delivery is automatic
 * }
 * ReplayReport report = JournalReplayer.replay(Path.of("m-17.journal"), ReplayOptions.defaults());
 * MissionRuntime resumed = MissionRuntime.resume(Path.of("m-17.journal"), onnxService, ExecutionMode.COMPILED);
 * }</pre>
 *
 * <p>{@link io.lockstep.runtime.AgentModules} runs the loader's checks on module bytes without instantiating
 * them (C2 validates uploads and missions with it): {@code validateForAnyMission(wasm)} before the grant is
 * known, {@code validate(agent, wasm, grant, limits)} with it.
 *
 * <p>Sub-packages: {@code wasm} (binary parsing and the metering pass), {@code host} (the host ABI),
 * {@code engine} (instances, scheduling, fingerprints, snapshots), {@code journal} (file format),
 * {@code bench} (the {@code lockstep bench runtime} figures).
 */
package io.lockstep.runtime;
