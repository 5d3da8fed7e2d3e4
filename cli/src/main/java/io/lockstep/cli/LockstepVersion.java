package io.lockstep.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven wrote into the jar manifest. */
public final class LockstepVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Lockstep.class.getPackage().getImplementationVersion();
        return new String[] {"lockstep " + (version == null ? "(development build)" : version)};
    }
}
