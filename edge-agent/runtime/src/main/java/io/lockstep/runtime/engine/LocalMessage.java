package io.lockstep.runtime.engine;

/** A message emitted by a local agent at tick t, waiting for delivery at t+1. Part of snapshots. */
public record LocalMessage(String sender, long seq, String topic, byte[] data) {
}
