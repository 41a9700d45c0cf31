package dev.edgepair.internal.pairing;

import java.util.List;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;

/**
 * A way to pair that a device offers: its endpoints, and whether it is possible on a given connection (so that
 * {@code GET /iam/pairing} lists only the modes the asking connection can use).
 */
public interface PairingMode {
    /** @return the name in {@code GET /iam/pairing}, e.g. {@code LocalOpen} */
    String name();

    /**
     * @param call a request on the connection that asks
     * @return whether the mode can pair that connection now
     */
    boolean availableOn(Call call);

    /** @return the endpoints this mode adds */
    List<Endpoint<?>> endpoints();
}
