package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;

import java.util.Map;

/**
 * A way to pair that a device offers: its endpoints, and whether it is possible on a given connection (so that
 * {@code GET /iam/pairing} lists only the modes the asking connection can use).
 */
public interface PairingMode {
    /** The name in {@code GET /iam/pairing}, e.g. {@code LocalOpen}. */
    String name();

    boolean availableOn(Call call);

    /** The endpoints this mode adds, by path. */
    Map<String, DeviceResource> resources();
}
