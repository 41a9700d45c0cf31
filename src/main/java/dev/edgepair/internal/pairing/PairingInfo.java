package dev.edgepair.internal.pairing;

import java.util.List;
import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.protocol.PairingProtocol;
import dev.edgepair.wire.CborMap;

/**
 * {@code GET /iam/pairing}: what a client needs before pairing: product and device id, names, and the pairing
 * modes possible on the asking connection (Nabto Edge field names); action {@code IAM:GetPairing}.
 */
public final class PairingInfo extends Endpoint<Void> {
    /** What the device says about itself. */
    public record Description(String productId, String deviceId, String appName, String friendlyName,
            String version) {
    }

    private final Description description;
    private final List<PairingMode> modes;

    /**
     * @param description the device's ids and names
     * @param modes the modes it offers
     */
    public PairingInfo(Description description, List<PairingMode> modes) {
        super(Method.GET, "iam/pairing", "IAM:GetPairing");
        this.description = description;
        this.modes = List.copyOf(modes);
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    protected Reply act(Call call, Void none) {
        List<String> available = modes.stream().filter(m -> m.availableOn(call)).map(PairingMode::name).toList();
        CborMap.Builder b = CborMap.builder()
                .put("Modes", available)
                .put("ProductId", description.productId())
                .put("DeviceId", description.deviceId())
                .put("EdgePairVersion", description.version())
                .put("PakeVersion", PairingProtocol.VERSION);
        if (!description.appName().isEmpty()) {
            b.put("AppName", description.appName());
        }
        if (!description.friendlyName().isEmpty()) {
            b.put("FriendlyName", description.friendlyName());
        }
        return Reply.content(b.build());
    }
}
