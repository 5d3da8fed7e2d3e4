package io.lockstep.mesh.codec;

/** A message carried an extension flagged mandatory that this implementation does not know: the message is refused. */
public final class UnknownMandatoryExtensionException extends MalformedMessageException {
    public UnknownMandatoryExtensionException(int header, String where) {
        super(String.format("unknown mandatory extension 0x%02x in %s", header, where));
    }
}
