package io.lockstep.c2.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.lockstep.c2.auth.TokenIssuer;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.AuditRecord;
import io.lockstep.c2.security.audit.ChainVerdict;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The audit trail: who did what (or was refused), its export, and its chain under concurrency and tampering. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class AuditTrailTest {

    @Inject
    TokenIssuer issuer;

    @Inject
    AuditLog log;

    @Inject
    C2Config config;

    private String bearer(String user, Role role) {
        return "Bearer " + issuer.issue(user, role).token();
    }

    private List<AuditRecord> exported() {
        String text = given().header("Authorization", bearer("auditor", Role.ADMIN)).queryParam("format", "jsonl")
                .when().get("/api/v1/audit").then().statusCode(200).contentType(startsWith(AuditResource.NDJSON))
                .extract().asString();
        return AuditChain.parseJsonLines(text);
    }

    private static Optional<AuditRecord> last(List<AuditRecord> records, String user, String action) {
        return records.stream().filter(r -> r.user().equals(user) && r.action().equals(action))
                .reduce((a, b) -> b);
    }

    @Test
    void commanderActionsAndRefusalsAreRecordedWithWhoWhatWhenAndTrace() {
        String module = given().header("Authorization", bearer("ada", Role.ADMIN)).contentType(ContentType.BINARY)
                .body(moduleBytes())
                .when().post("/api/v1/modules").then().statusCode(201).extract().path("sha256");
        String mission = given().header("Authorization", bearer("cmdr", Role.COMMANDER)).contentType(ContentType.JSON)
                .body(Fixtures.missionJson(module)).when().post("/api/v1/missions").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", bearer("opal", Role.OPERATOR)).contentType(ContentType.JSON)
                .body("{\"reason\": \"weather\"}").when().post("/api/v1/missions/" + mission + "/abort")
                .then().statusCode(202);
        given().header("Authorization", bearer("vera", Role.VIEWER)).contentType(ContentType.JSON)
                .body(Fixtures.missionJson(module)).when().post("/api/v1/missions").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/" + mission + "/dispatch")
                .then().statusCode(401);
        new UsersFile(config.files().resolve("users.json")).put("lena", Role.VIEWER, "lena-password".toCharArray());
        given().contentType(ContentType.JSON).body("{\"name\": \"lena\", \"password\": \"wrong\"}")
                .when().post("/api/v1/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"name\": \"lena\", \"password\": \"lena-password\"}")
                .when().post("/api/v1/auth/login").then().statusCode(200);
        given().header("Authorization", bearer("ada", Role.ADMIN)).contentType(ContentType.JSON)
                .body("{\"role\": \"operator\", \"password\": \"otto-password\"}").when().put("/api/v1/users/otto")
                .then().statusCode(201);

        List<AuditRecord> records = exported();
        assertThat(AuditChain.verify(records).verified()).isTrue();
        AuditRecord upload = last(records, "ada", "POST /api/v1/modules").orElseThrow();
        assertThat(upload.outcome()).isEqualTo("success");
        assertThat(upload.status()).isEqualTo(201);
        assertThat(upload.traceId()).matches("[0-9a-f]{32}");
        assertThat(upload.time()).isNotBlank();
        AuditRecord create = last(records, "cmdr", "POST /api/v1/missions").orElseThrow();
        assertThat(create.target()).isEqualTo("/api/v1/missions");
        AuditRecord abort = last(records, "opal", "POST /api/v1/missions/{id}/abort").orElseThrow();
        assertThat(abort.target()).isEqualTo("/api/v1/missions/" + mission + "/abort");
        assertThat(abort.status()).isEqualTo(202);
        AuditRecord refused = last(records, "vera", "POST /api/v1/missions").orElseThrow();
        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(refused.status()).isEqualTo(403);
        AuditRecord anonymous = last(records, "anonymous", "POST /api/v1/missions/{id}/dispatch").orElseThrow();
        assertThat(anonymous.status()).isEqualTo(401);
        List<AuditRecord> logins = records.stream().filter(r -> r.user().equals("lena") && r.action().equals("login"))
                .toList();
        assertThat(logins).extracting(AuditRecord::status).containsSubsequence(401, 200);
        assertThat(last(records, "ada", "PUT /api/v1/users/{name}").orElseThrow().target()).isEqualTo("/api/v1/users/otto");
        // reads are not audited
        assertThat(records).noneMatch(r -> r.action().startsWith("GET "));
    }

    @Test
    void pagesFollowTheCursor() {
        for (int i = 0; i < 3; i++) {
            log.append("pager", "page-test", "t" + i, 200, "");
        }
        long total = log.head().seq();
        List<Long> seqs = new ArrayList<>();
        Long cursor = 0L;
        while (cursor != null) {
            var page = given().header("Authorization", bearer("auditor", Role.ADMIN)).queryParam("after", cursor)
                    .queryParam("limit", 2).when().get("/api/v1/audit").then().statusCode(200).extract();
            List<Integer> pageSeqs = page.path("records.seq");
            pageSeqs.forEach(s -> seqs.add(s.longValue()));
            Number next = page.path("next");
            cursor = next == null ? null : next.longValue();
        }
        assertThat(seqs).hasSizeGreaterThanOrEqualTo((int) total);
        assertThat(seqs.subList(0, (int) total)).isSorted().doesNotHaveDuplicates().startsWith(1L);
        given().header("Authorization", bearer("auditor", Role.ADMIN)).queryParam("limit", "lots")
                .when().get("/api/v1/audit").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().header("Authorization", bearer("auditor", Role.ADMIN)).queryParam("after", -1)
                .when().get("/api/v1/audit").then().statusCode(400);
        given().header("Authorization", bearer("auditor", Role.ADMIN)).header("Accept", AuditResource.NDJSON)
                .when().get("/api/v1/audit").then().statusCode(200).contentType(startsWith(AuditResource.NDJSON))
                .header("Lockstep-Audit-Head", startsWith(log.head().seq() + " "));
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        long before = log.head().seq();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        log.append("racer-" + thread, "race", "item-" + i, 200, "");
                    }
                }));
            }
            // REST requests append at the same time through the filter
            for (int i = 0; i < 10; i++) {
                given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions").then().statusCode(401);
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.head().seq()).isGreaterThanOrEqualTo(before + threads * each + 10);
        List<AuditRecord> records = exported();
        ChainVerdict verdict = AuditChain.verify(records, Optional.of(log.head()));
        assertThat(verdict.verified()).as(verdict.describe()).isTrue();
        assertThat(records.stream().filter(r -> r.action().equals("race")).count()).isEqualTo(threads * each);
    }

    @Test
    void tamperedExportsAreNamedByC2() {
        log.append("tamper", "tamper-test", "x", 200, "");
        List<AuditRecord> records = exported();
        String auth = bearer("auditor", Role.ADMIN);
        String intact = lines(records);
        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body(intact.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(200).body("verified", equalTo(true));

        List<AuditRecord> edited = new ArrayList<>(records);
        AuditRecord r = edited.get(0);
        edited.set(0, new AuditRecord(r.seq(), r.time(), "mallory", r.action(), r.target(), r.outcome(), r.status(),
                r.traceId(), r.prevHash(), r.hash()));
        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body(lines(edited).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:lockstep:problem:audit-chain-broken"))
                .body("detail", containsString("record 1 was edited"));

        List<AuditRecord> forged = new ArrayList<>(records);
        AuditRecord tail = forged.get(forged.size() - 1);
        forged.set(forged.size() - 1, AuditRecord.seal(tail.seq(), tail.time(), "mallory", tail.action(), tail.target(),
                tail.outcome(), tail.status(), tail.traceId(), tail.prevHash()));
        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body(lines(forged).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(422).body("detail", containsString("forged"));

        List<AuditRecord> removed = new ArrayList<>(records);
        removed.remove(1);
        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body(lines(removed).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(422).body("detail", containsString("missing"));

        List<AuditRecord> reordered = new ArrayList<>(records);
        java.util.Collections.swap(reordered, 0, 1);
        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body(lines(reordered).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(422);

        given().header("Authorization", auth).contentType(AuditResource.NDJSON).body("{\"seq\": \"one\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/audit/verify").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:malformed-audit-export"));
        // nothing was lost: the stored chain still verifies
        assertThat(AuditChain.verify(exported(), Optional.of(log.head())).verified()).isTrue();
    }

    private static String lines(List<AuditRecord> records) {
        return records.stream().map(AuditChain::toJsonLine).collect(Collectors.joining("\n")) + "\n";
    }

    private static byte[] moduleBytes() {
        return io.lockstep.c2.support.WasmModuleBuilder.agent().tag(Fixtures.uniqueId("audit")).build();
    }
}
