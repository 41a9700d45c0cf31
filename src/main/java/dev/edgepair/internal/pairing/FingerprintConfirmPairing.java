package dev.edgepair.internal.pairing;

import dev.edgepair.device.ClientConfirmation;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.iam.AccessList;

/**
 * The Nabto Edge 5.1 pairing flow: on a local connection, the device user confirms the client's fingerprint and the
 * client's key joins the access list ({@code POST /pair}). Offered on local connections only.
 */
public final class FingerprintConfirmPairing implements PairingMode {
    public static final String NAME = "FingerprintConfirm";
    private final PairResource resource;

    public FingerprintConfirmPairing(AccessList access, ClientConfirmation confirmation) {
        this.resource = new PairResource(access, confirmation);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean availableOn(Call call) {
        return call.isLocal();
    }

    @Override
    public Map<String, DeviceResource> resources() {
        return Map.of("pair", resource);
    }
}
