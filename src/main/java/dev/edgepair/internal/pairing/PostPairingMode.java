package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.endpoint.DeviceResource;

import java.util.Map;

import dev.edgepair.wire.WireException;

/** A pairing mode whose one endpoint is a {@code POST} at {@code path}: subclasses say when it is available and pair. */
public abstract class PostPairingMode implements PairingMode {
    private final String name;
    private final String path;

    protected PostPairingMode(String name, String path) {
        this.name = name;
        this.path = path;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Handles the {@code POST}; returns the reply (2.01 when paired). */
    protected abstract Reply pair(Call call) throws Refusal, WireException;

    @Override
    public final Map<String, DeviceResource> resources() {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return Map.of(path, new DeviceResource(last) {
            @Override
            protected Reply post(Call call) throws Refusal, WireException {
                return pair(call);
            }
        });
    }
}
