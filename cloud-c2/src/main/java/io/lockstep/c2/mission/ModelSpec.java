package io.lockstep.c2.mission;

/** An ONNX model a mission's agents may call, by name and content digest. */
public record ModelSpec(String name, String sha256) {
}
