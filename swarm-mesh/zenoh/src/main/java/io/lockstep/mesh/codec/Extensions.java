package io.lockstep.mesh.codec;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes chains of extensions, and enforces the "unknown mandatory extension" rule. */
public final class Extensions {
    /** Upper bound on a chain: a hostile peer cannot make us loop or allocate without limit. */
    private static final int MAX_CHAIN = 64;

    private Extensions() {
    }

    public static List<Extension> read(ByteReader reader) {
        List<Extension> out = new ArrayList<>(2);
        boolean more = true;
        while (more) {
            if (out.size() == MAX_CHAIN) {
                throw new MalformedMessageException("more than " + MAX_CHAIN + " chained extensions");
            }
            int header = reader.readU8();
            more = (header & Extension.FLAG_MORE) != 0;
            int id = header & Extension.ID_MASK;
            boolean mandatory = (header & Extension.FLAG_MANDATORY) != 0;
            switch (ExtensionEncoding.fromHeader(header)) {
                case UNIT:
                    out.add(Extension.unit(id, mandatory));
                    break;
                case ZINT:
                    out.add(Extension.zint(id, mandatory, reader.readZInt()));
                    break;
                default:
                    out.add(Extension.zbuf(id, mandatory, reader.readSlice()));
                    break;
            }
        }
        return out;
    }

    /** Called for an extension a decoder did not recognise: skipped unless it is mandatory. */
    public static void unknown(Extension extension, String where) {
        if (extension.mandatory()) {
            throw new UnknownMandatoryExtensionException(extension.key(), where);
        }
    }

    /** Reads a chain where nothing is known: every extension must be optional. */
    public static void skipAll(ByteReader reader, String where) {
        for (Extension e : read(reader)) {
            unknown(e, where);
        }
    }

    public static void write(ByteWriter writer, List<Extension> extensions) {
        for (int i = 0; i < extensions.size(); i++) {
            Extension e = extensions.get(i);
            boolean more = i < extensions.size() - 1;
            writer.writeU8(e.key() | (more ? Extension.FLAG_MORE : 0));
            switch (e.encoding()) {
                case UNIT:
                    break;
                case ZINT:
                    writer.writeZInt(e.value());
                    break;
                default:
                    writer.writeSlice(e.body());
                    break;
            }
        }
    }
}
