package io.lockstep.edge.mesh;

import io.lockstep.edge.config.MeshConfig;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.transport.TlsSettings;
import java.io.IOException;

/** Turns {@code lockstep.mesh.tls.*} into the Zenoh session's TLS and the matching sender check. */
public final class MeshTls {

    private MeshTls() {
    }

    /** The three files, or null when none is set; some but not all set is a configuration error. */
    public static MeshSettings.MeshTlsFiles files(MeshConfig.Tls tls) {
        boolean any = tls.certificate().isPresent() || tls.privateKey().isPresent() || tls.rootCa().isPresent();
        if (!any) {
            return null;
        }
        if (tls.certificate().isEmpty() || tls.privateKey().isEmpty() || tls.rootCa().isEmpty()) {
            throw new IllegalArgumentException(
                    "the mesh's TLS needs lockstep.mesh.tls.certificate, .private-key and .root-ca together");
        }
        return new MeshSettings.MeshTlsFiles(tls.certificate().get(), tls.privateKey().get(), tls.rootCa().get());
    }

    /**
     * Adds TLS to {@code config} when the settings have it and returns the sender check: authenticated senders
     * required with TLS, best effort without.
     */
    public static MeshSenderCheck apply(MeshSettings settings, Config config, String nodeId) throws IOException {
        MeshSettings.MeshTlsFiles files = settings.tls();
        if (files == null) {
            return new MeshSenderCheck(nodeId, false);
        }
        config.tls(TlsSettings.fromPem(files.certificate(), files.privateKey(), files.rootCa()));
        return new MeshSenderCheck(nodeId, true);
    }
}
