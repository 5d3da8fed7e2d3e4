package io.lockstep.mesh.message.network;

/** One declaration inside a DECLARE message. */
public sealed interface Declaration permits Declaration.KeyExpr, Declaration.UndeclareKeyExpr,
        Declaration.Subscriber, Declaration.UndeclareSubscriber, Declaration.Queryable,
        Declaration.UndeclareQueryable, Declaration.Token, Declaration.UndeclareToken, Declaration.Final {

    /** D_KEYEXPR: binds a numeric id (in the sender's mapping) to a key expression. */
    record KeyExpr(int id, WireExpr key) implements Declaration {
    }

    /** U_KEYEXPR. */
    record UndeclareKeyExpr(int id) implements Declaration {
    }

    /** D_SUBSCRIBER. */
    record Subscriber(long id, WireExpr key) implements Declaration {
    }

    /** U_SUBSCRIBER, optionally repeating the key expression (extension 0x0f). */
    record UndeclareSubscriber(long id, WireExpr key) implements Declaration {
    }

    /** D_QUERYABLE with the optional queryable-info extension (complete flag and distance). */
    record Queryable(long id, WireExpr key, QueryableInfo info) implements Declaration {
    }

    /** U_QUERYABLE. */
    record UndeclareQueryable(long id, WireExpr key) implements Declaration {
    }

    /** D_TOKEN: a liveliness token. */
    record Token(long id, WireExpr key) implements Declaration {
    }

    /** U_TOKEN. */
    record UndeclareToken(long id, WireExpr key) implements Declaration {
    }

    /** D_FINAL: the end of the declarations answering an interest. */
    record Final() implements Declaration {
    }

    /** Queryable info: whether the queryable is complete for its key expression, and its distance in hops. */
    record QueryableInfo(boolean complete, int distance) {
    }
}
