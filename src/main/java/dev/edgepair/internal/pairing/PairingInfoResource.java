package dev.edgepair.internal.pairing;

import dev.edgepair.internal.protocol.PairingProtocol;

import dev.edgepair.device.Device;
import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.endpoint.DeviceResource;

import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.wire.CborMap;

/**
 * {@code GET /iam/pairing}: what a client needs before pairing: product and device id, names, and the pairing
 * modes possible on the asking connection (Nabto Edge field names). Installed by every {@link Device}.
 */
public final class PairingInfoResource extends DeviceResource {
    private final Device.DeviceInfo info;
    private final List<PairingMode> modes;
    private final AccessControl access;

    public PairingInfoResource(Device.DeviceInfo info, List<PairingMode> modes, AccessControl access) {
        super("pairing");
        this.info = info;
        this.modes = List.copyOf(modes);
        this.access = access;
    }

    @Override
    protected Reply get(Call call) throws Refusal {
        access.check(call, "IAM:GetPairing");
        List<String> available = modes.stream().filter(m -> m.availableOn(call)).map(PairingMode::name).toList();
        CborMap.Builder b = CborMap.builder()
                .put("Modes", available)
                .put("ProductId", info.productId())
                .put("DeviceId", info.deviceId())
                .put("EdgePairVersion", Device.VERSION)
                .put("PakeVersion", PairingProtocol.VERSION);
        if (!info.appName().isEmpty()) {
            b.put("AppName", info.appName());
        }
        if (!info.friendlyName().isEmpty()) {
            b.put("FriendlyName", info.friendlyName());
        }
        return Reply.cbor(ResponseCode.CONTENT, b.build());
    }
}
