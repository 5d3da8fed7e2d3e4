package io.lockstep.mesh.message.payload;

import io.lockstep.mesh.codec.ByteReader;
import io.lockstep.mesh.codec.ByteWriter;
import io.lockstep.mesh.codec.Extension;
import io.lockstep.mesh.codec.Extensions;
import io.lockstep.mesh.codec.Headers;
import io.lockstep.mesh.codec.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;

/** Encoder and decoder of the payload ("zenoh") messages: PUT, DEL, QUERY, REPLY, ERR. */
public final class PayloadCodec {
    public static final int MID_PUT = 0x01;
    public static final int MID_DEL = 0x02;
    public static final int MID_QUERY = 0x03;
    public static final int MID_REPLY = 0x04;
    public static final int MID_ERR = 0x05;

    private static final int FLAG_T = 0x20;
    private static final int FLAG_E = 0x40;
    private static final int FLAG_C = 0x20;
    private static final int FLAG_P = 0x40;

    private static final int EXT_SOURCE_INFO = 0x41; // zbuf, id 1
    private static final int EXT_ATTACHMENT_PUSH = 0x43; // zbuf, id 3
    private static final int EXT_QUERY_BODY = 0x43; // zbuf, id 3
    private static final int EXT_ATTACHMENT_QUERY = 0x45; // zbuf, id 5

    private PayloadCodec() {
    }

    // ---------------------------------------------------------------- PUT / DEL

    public static void encodePushBody(ByteWriter w, PushBody body) {
        List<Extension> exts = new ArrayList<>(2);
        if (body.sourceInfo() != null) {
            exts.add(Extension.zbuf(1, false, body.sourceInfo().toBytes()));
        }
        if (body.attachment() != null) {
            exts.add(Extension.zbuf(3, false, body.attachment()));
        }
        int header;
        if (body instanceof Put put) {
            header = MID_PUT | (put.timestamp() != null ? FLAG_T : 0) | (put.encoding() != null ? FLAG_E : 0);
        } else {
            header = MID_DEL | (body.timestamp() != null ? FLAG_T : 0);
        }
        w.writeU8(header | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
        if (body.timestamp() != null) {
            body.timestamp().encode(w);
        }
        if (body instanceof Put put && put.encoding() != null) {
            put.encoding().encode(w);
        }
        Extensions.write(w, exts);
        if (body instanceof Put put) {
            w.writeSlice(put.payload());
        }
    }

    public static PushBody decodePushBody(ByteReader r) {
        int header = r.readU8();
        int mid = Headers.mid(header);
        if (mid != MID_PUT && mid != MID_DEL) {
            throw new MalformedMessageException(String.format("expected PUT or DEL, got mid 0x%02x", mid));
        }
        return decodePushBody(r, header);
    }

    private static PushBody decodePushBody(ByteReader r, int header) {
        boolean put = Headers.mid(header) == MID_PUT;
        Timestamp ts = Headers.has(header, FLAG_T) ? Timestamp.decode(r) : null;
        Encoding enc = put && Headers.has(header, FLAG_E) ? Encoding.decode(r) : null;
        SourceInfo sinfo = null;
        byte[] attachment = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_SOURCE_INFO)) {
                    sinfo = SourceInfo.decode(e.bodyReader());
                } else if (e.is(EXT_ATTACHMENT_PUSH)) {
                    attachment = e.body();
                } else {
                    Extensions.unknown(e, put ? "PUT" : "DEL");
                }
            }
        }
        if (put) {
            return new Put(ts, enc, sinfo, attachment, r.readSlice());
        }
        return new Del(ts, sinfo, attachment);
    }

    // ---------------------------------------------------------------- REQUEST body

    public static void encodeRequestBody(ByteWriter w, RequestBody body) {
        if (body instanceof Query q) {
            encodeQuery(w, q);
        } else {
            encodePushBody(w, (PushBody) body);
        }
    }

    public static RequestBody decodeRequestBody(ByteReader r) {
        int header = r.readU8();
        int mid = Headers.mid(header);
        if (mid == MID_QUERY) {
            return decodeQuery(r, header);
        }
        if (mid == MID_PUT || mid == MID_DEL) {
            return decodePushBody(r, header);
        }
        throw new MalformedMessageException(String.format("unexpected request body mid 0x%02x", mid));
    }

    private static void encodeQuery(ByteWriter w, Query q) {
        List<Extension> exts = new ArrayList<>(3);
        if (q.body() != null) {
            ByteWriter body = new ByteWriter(q.body().length + 8);
            (q.bodyEncoding() == null ? Encoding.DEFAULT : q.bodyEncoding()).encode(body);
            body.writeBytes(q.body());
            exts.add(Extension.zbuf(3, false, body.toByteArray()));
        }
        if (q.sourceInfo() != null) {
            exts.add(Extension.zbuf(1, false, q.sourceInfo().toBytes()));
        }
        if (q.attachment() != null) {
            exts.add(Extension.zbuf(5, false, q.attachment()));
        }
        int header = MID_QUERY | (q.consolidation() != null ? FLAG_C : 0) | (q.parameters() != null ? FLAG_P : 0)
                | (exts.isEmpty() ? 0 : Headers.FLAG_Z);
        w.writeU8(header);
        if (q.consolidation() != null) {
            w.writeU8(q.consolidation());
        }
        if (q.parameters() != null) {
            w.writeString(q.parameters());
        }
        Extensions.write(w, exts);
    }

    private static Query decodeQuery(ByteReader r, int header) {
        Integer consolidation = Headers.has(header, FLAG_C) ? r.readU8() : null;
        if (consolidation != null && consolidation > 3) {
            throw new MalformedMessageException("invalid consolidation " + consolidation);
        }
        String params = Headers.has(header, FLAG_P) ? r.readString() : null;
        SourceInfo sinfo = null;
        Encoding bodyEncoding = null;
        byte[] body = null;
        byte[] attachment = null;
        if (Headers.has(header, Headers.FLAG_Z)) {
            for (Extension e : Extensions.read(r)) {
                if (e.is(EXT_SOURCE_INFO)) {
                    sinfo = SourceInfo.decode(e.bodyReader());
                } else if (e.is(EXT_QUERY_BODY)) {
                    ByteReader br = e.bodyReader();
                    bodyEncoding = Encoding.decode(br);
                    body = br.readRest();
                } else if (e.is(EXT_ATTACHMENT_QUERY)) {
                    attachment = e.body();
                } else {
                    Extensions.unknown(e, "QUERY");
                }
            }
        }
        return new Query(consolidation, params, sinfo, bodyEncoding, body, attachment);
    }

    // ---------------------------------------------------------------- RESPONSE body

    public static void encodeResponseBody(ByteWriter w, ResponseBody body) {
        if (body instanceof Reply reply) {
            w.writeU8(MID_REPLY | (reply.consolidation() != null ? FLAG_C : 0));
            if (reply.consolidation() != null) {
                w.writeU8(reply.consolidation());
            }
            encodePushBody(w, reply.body());
        } else {
            Err err = (Err) body;
            List<Extension> exts = new ArrayList<>(1);
            if (err.sourceInfo() != null) {
                exts.add(Extension.zbuf(1, false, err.sourceInfo().toBytes()));
            }
            w.writeU8(MID_ERR | (err.encoding() != null ? FLAG_E : 0) | (exts.isEmpty() ? 0 : Headers.FLAG_Z));
            if (err.encoding() != null) {
                err.encoding().encode(w);
            }
            Extensions.write(w, exts);
            w.writeSlice(err.payload());
        }
    }

    public static ResponseBody decodeResponseBody(ByteReader r) {
        int header = r.readU8();
        int mid = Headers.mid(header);
        if (mid == MID_REPLY) {
            Integer consolidation = Headers.has(header, FLAG_C) ? r.readU8() : null;
            if (Headers.has(header, Headers.FLAG_Z)) {
                Extensions.skipAll(r, "REPLY");
            }
            return new Reply(consolidation, decodePushBody(r));
        }
        if (mid == MID_ERR) {
            Encoding enc = Headers.has(header, FLAG_E) ? Encoding.decode(r) : null;
            SourceInfo sinfo = null;
            if (Headers.has(header, Headers.FLAG_Z)) {
                for (Extension e : Extensions.read(r)) {
                    if (e.is(EXT_SOURCE_INFO)) {
                        sinfo = SourceInfo.decode(e.bodyReader());
                    } else {
                        Extensions.unknown(e, "ERR");
                    }
                }
            }
            return new Err(enc, sinfo, r.readSlice());
        }
        throw new MalformedMessageException(String.format("unexpected response body mid 0x%02x", mid));
    }
}
