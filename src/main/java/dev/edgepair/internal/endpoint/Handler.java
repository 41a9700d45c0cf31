package dev.edgepair.internal.endpoint;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;

/** The body of one method of one endpoint. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws Refusal, dev.edgepair.wire.WireException;
}
