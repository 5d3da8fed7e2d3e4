package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.ChainVerdict;
import io.lockstep.cli.fleet.C2Api;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The demo's audit check: exports C2's audit trail (as the demo's commander), verifies the hash chain here
 * against C2's head, and adds {@code audit: {records, verified}} to summary.json.
 */
record DemoAudit(long records, boolean verified, String detail) {

    static DemoAudit check(C2Api c2, PrintStream console) {
        C2Api.AuditExport export = c2.auditExport();
        String[] head = export.head().split(" ");
        Optional<AuditChain.Head> expected = head.length == 2
                ? Optional.of(new AuditChain.Head(Long.parseLong(head[0]), head[1])) : Optional.empty();
        ChainVerdict verdict = AuditChain.verify(AuditChain.parseJsonLines(export.jsonLines()), expected);
        console.println("  audit trail: " + verdict.describe());
        return new DemoAudit(verdict.records(), verdict.verified() && expected.isPresent(), verdict.describe());
    }

    List<String> problems() {
        return verified ? List.of() : List.of("audit trail: " + detail);
    }

    void addTo(ObjectNode root) {
        ObjectNode audit = root.putObject("audit");
        audit.put("records", records);
        audit.put("verified", verified);
    }
}
