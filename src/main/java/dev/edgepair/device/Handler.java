package dev.edgepair.device;

/** The body of one method of one endpoint. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws Refusal, dev.edgepair.wire.WireException;
}
