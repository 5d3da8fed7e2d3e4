package io.lockstep.mesh.message;

import io.lockstep.mesh.codec.MalformedMessageException;

/** The role of a Zenoh node. {@code code} is the 2-bit wire value, {@code mask} the bit used in SCOUT's "what". */
public enum WhatAmI {
    ROUTER(0, 1), PEER(1, 2), CLIENT(2, 4);

    private final int code;
    private final int mask;

    WhatAmI(int code, int mask) {
        this.code = code;
        this.mask = mask;
    }

    public int code() {
        return code;
    }

    public int mask() {
        return mask;
    }

    public static WhatAmI fromCode(int code) {
        for (WhatAmI w : values()) {
            if (w.code == code) {
                return w;
            }
        }
        throw new MalformedMessageException("invalid whatami code " + code);
    }

    public static WhatAmI parse(String text) {
        return WhatAmI.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
