package io.lockstep.cli.audit;

import io.lockstep.c2.security.audit.AuditChain;
import io.lockstep.c2.security.audit.AuditRecord;
import io.lockstep.c2.security.audit.ChainVerdict;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.C2LoginOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lockstep audit verify}: checks the audit chain, here, from an exported file or fetched from C2
 * (logging in as an admin; then also against the head C2 keeps apart from the records). Exit 0 when it
 * verifies, 1 naming the first edited, removed, reordered or forged record.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify C2's audit chain (from C2 or an exported JSON-lines file); exit 1 naming the first bad record.")
public final class AuditVerifyCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", paramLabel = "FILE", description = "an export (GET /api/v1/audit?format=jsonl)")
        Path file;

        @Option(names = "--c2", paramLabel = "URL", description = "C2's HTTP address, e.g. http://127.0.0.1:8080")
        String c2;
    }

    @Option(names = "--head", paramLabel = "SEQ:HASH",
            description = "with --file: the head to end at (the Lockstep-Audit-Head of the export, kept elsewhere)")
    String head;

    @Mixin
    C2LoginOptions login;

    @Option(names = "--save", paramLabel = "FILE", description = "with --c2: also write the export to FILE")
    Path save;

    @Override
    public Integer call() {
        String text;
        Optional<AuditChain.Head> expectedHead = Optional.ofNullable(head).map(AuditVerifyCommand::parseHead);
        if (source.file != null) {
            try {
                text = Files.readString(source.file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source.file, e);
            }
        } else {
            C2Api.AuditExport export = new C2Api(source.c2, login.credentials("an admin")).auditExport();
            text = export.jsonLines();
            if (!export.head().isBlank()) {
                expectedHead = Optional.of(parseHead(export.head().replace(' ', ':')));
            }
            if (save != null) {
                try {
                    Files.writeString(save, text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + save, e);
                }
            }
        }
        List<AuditRecord> records;
        try {
            records = AuditChain.parseJsonLines(text);
        } catch (IllegalArgumentException e) {
            System.out.println("not an audit export: " + e.getMessage());
            return 1;
        }
        ChainVerdict verdict = AuditChain.verify(records, expectedHead);
        System.out.println(verdict.describe() + (expectedHead.isPresent() ? " (checked against the head)" : ""));
        return verdict.verified() ? 0 : 1;
    }

    private static AuditChain.Head parseHead(String value) {
        int colon = value.indexOf(':');
        try {
            return new AuditChain.Head(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--head must be SEQ:HASH, was '" + value + "'");
        }
    }
}
