package io.lockstep.runtime.engine;

/**
 * A module's memory as a new instance has it before any code runs (zeros and the active data segments): the
 * base that snapshots store their differences against. Instantiation is deterministic, so every instance of
 * one loaded module starts from the same bytes and shares one copy.
 */
record FreshMemory(byte[] image, byte[] sha256) {
    static FreshMemory of(byte[] image) {
        return new FreshMemory(image, Hashing.sha256().digest(image));
    }
}
