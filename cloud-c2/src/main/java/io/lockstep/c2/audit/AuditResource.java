package io.lockstep.c2.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import io.lockstep.c2.api.Problem;
import io.lockstep.c2.api.ProblemException;
import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.AuditRecord;
import io.lockstep.c2.security.audit.ChainVerdict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail, for admins: pages of records after a cursor (a seq), or the whole trail from the
 * cursor as JSON lines ({@code ?format=jsonl} or {@code Accept: application/x-ndjson}), and a check of an
 * export against the chain and C2's head.
 */
@Path("/api/v1/audit")
@Tag(name = "audit")
public class AuditResource {
    public static final String NDJSON = "application/x-ndjson";
    private static final int MAX_PAGE = 1000;
    private static final int EXPORT_BATCH = 500;

    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed("admin")
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(summary = "Audit records with seq > after (a page, or all of them as JSON lines)")
    @APIResponse(responseCode = "200", description = "A page of records (JSON), or every record after the cursor as JSON lines; Lockstep-Audit-Head: the head seq and hash",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)),
                @Content(mediaType = NDJSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                    example = "{\"seq\":1,\"time\":\"2030-01-01T08:00:00Z\",\"user\":\"alice\",\"action\":\"login\",\"target\":\"/api/v1/auth/login\",\"outcome\":\"success\",\"status\":200,\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"hash\":\"8c1d2f0e4b6a89d3c5e7f9a1b3d5e7f90a2c4e6a8b0d2f4a6c8e0b2d4f6a8c0e\"}\n{\"seq\":2,\"time\":\"2030-01-01T08:01:12Z\",\"user\":\"alice\",\"action\":\"POST /api/v1/missions\",\"target\":\"/api/v1/missions\",\"outcome\":\"success\",\"status\":201,\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"prevHash\":\"8c1d2f0e4b6a89d3c5e7f9a1b3d5e7f90a2c4e6a8b0d2f4a6c8e0b2d4f6a8c0e\",\"hash\":\"3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a\"}\n")})
    public Response list(@QueryParam("after") @DefaultValue("0") String afterParam,
            @QueryParam("limit") @DefaultValue("100") String limitParam, @QueryParam("format") String format,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        long after = number("after", afterParam, 0, Long.MAX_VALUE / 2);
        int limit = (int) number("limit", limitParam, 1, MAX_PAGE);
        boolean lines = "jsonl".equals(format) || (format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> (t.getType() + "/" + t.getSubtype()).equals(NDJSON)));
        if (format != null && !"jsonl".equals(format) && !"json".equals(format)) {
            throw invalid("format", "json or jsonl");
        }
        AuditChain.Head head = log.head();
        if (lines) {
            // Up to the head read above, so the records and the head header agree while appends go on.
            StreamingOutput body = out -> {
                long cursor = after;
                while (cursor < head.seq()) {
                    List<String> batch = log.rawPage(cursor, (int) Math.min(EXPORT_BATCH, head.seq() - cursor));
                    for (String line : batch) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    if (batch.isEmpty()) {
                        return;
                    }
                    cursor += batch.size();
                }
            };
            return Response.ok(body, NDJSON).header("Lockstep-Audit-Head", head.seq() + " " + head.hash()).build();
        }
        List<AuditRecord> records = log.page(after, limit);
        Long next = records.size() == limit && after + limit < head.seq() ? after + limit : null;
        return Response.ok(new AuditPage(records, next, head), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/verify")
    @RolesAllowed("admin")
    @Consumes({NDJSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an export (JSON lines from seq 1) as a chain and against C2's own records;"
            + " 422 naming the first edited, removed, reordered or forged record")
    @APIResponse(responseCode = "200", description = "The export is an unbroken chain matching C2's own records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChainVerdict.class),
                example = "{\"records\": 2, \"verified\": true, \"badSeq\": 0, \"problem\": \"\"}"))
    public ChainVerdict verify(@RequestBody(content = @Content(mediaType = "application/x-ndjson", example = "{\"seq\":1,\"time\":\"2030-01-01T08:00:00Z\",\"user\":\"alice\",\"action\":\"login\",\"target\":\"/api/v1/auth/login\",\"outcome\":\"success\",\"status\":200,\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"hash\":\"…\"}"), description = "an export of GET /api/v1/audit?format=jsonl, one record per line") byte[] body) {
        List<AuditRecord> records;
        try {
            records = AuditChain.parseJsonLines(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Status.BAD_REQUEST, "malformed-audit-export",
                    "Not an audit export", e.getMessage()));
        }
        // An export is older than the trail (this very request is audited), so it is checked against C2's
        // own record at the export's last seq rather than against the head.
        Optional<AuditChain.Head> stored = Optional.empty();
        if (!records.isEmpty()) {
            long last = records.get(records.size() - 1).seq();
            List<AuditRecord> mine = last >= 1 && last <= log.head().seq() ? log.page(last - 1, 1) : List.of();
            stored = Optional.of(mine.isEmpty() ? log.head() : new AuditChain.Head(last, mine.get(0).hash()));
        }
        ChainVerdict verdict = AuditChain.verify(records, stored);
        if (!verdict.verified()) {
            throw new ProblemException(new Problem("urn:lockstep:problem:audit-chain-broken",
                    "The audit chain does not verify", 422, verdict.describe(), null, List.of()));
        }
        return verdict;
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, "a whole number from " + min + " to " + max);
    }

    private static ProblemException invalid(String name, String expected) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-parameter", "Invalid query parameter",
                name + " must be " + expected));
    }

    /** One page: {@code next} is the cursor for the following page, null at the end. */
    @Schema(example = "{\"records\": [{\"seq\": 1, \"time\": \"2026-12-02T12:11:32.181436668Z\", \"user\": \"admin\", \"action\": \"login\", \"target\": \"/api/v1/auth/login\", \"outcome\": \"success\", \"status\": 200, \"traceId\": \"ebfee122b12772a6a2e49cdad787a1c2\", \"prevHash\": \"0000000000000000000000000000000000000000000000000000000000000000\", \"hash\": \"5b1493bfb9c61ecbb84c92d76f5621c4a5534fc32cd00787fad442ca950e074d\"}, {\"seq\": 2, \"time\": \"2026-12-02T12:11:47.464210636Z\", \"user\": \"admin\", \"action\": \"login\", \"target\": \"/api/v1/auth/login\", \"outcome\": \"success\", \"status\": 200, \"traceId\": \"6bf35fc8d02db1f7b37ce2d6dd9dcc5b\", \"prevHash\": \"5b1493bfb9c61ecbb84c92d76f5621c4a5534fc32cd00787fad442ca950e074d\", \"hash\": \"b1885057162ac6764e968000a87158a016439195b8a7b9dc46b370ee2731096b\"}], \"next\": 2, \"head\": {\"seq\": 9, \"hash\": \"55bcbc7cfa05993bf8a3ed8017244b4156d9a03571f98301a91f6ba53f2add57\"}}")
    public record AuditPage(List<AuditRecord> records, Long next, AuditChain.Head head) {
    }
}
