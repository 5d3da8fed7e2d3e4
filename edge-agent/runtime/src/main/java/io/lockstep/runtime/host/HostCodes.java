package io.lockstep.runtime.host;

/** Return codes of host functions (docs/agent-abi.md, "Return codes"). */
public final class HostCodes {
    public static final int OK = 0;
    public static final int EINVAL = -1;
    public static final int EDENIED = -2;
    public static final int ETOOBIG = -3;
    public static final int ENOTFOUND = -4;
    public static final int ELIMIT = -5;
    public static final int EUNAVAILABLE = -6;

    private HostCodes() {
    }
}
