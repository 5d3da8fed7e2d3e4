package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of abort and e-stop requests. */
@Schema(example = "{\"reason\": \"weather closing in\"}")
public record ReasonRequest(String reason) {
}
