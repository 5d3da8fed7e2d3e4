package io.lockstep.mesh.message.payload;

/** REPLY: {@code |Z|X|C|REPLY|} then consolidation if C, then a PUT or DEL. */
public record Reply(Integer consolidation, PushBody body) implements ResponseBody {
}
