package io.lockstep.c2.api;

/** Optional body of abort and e-stop requests. */
public record ReasonRequest(String reason) {
}
