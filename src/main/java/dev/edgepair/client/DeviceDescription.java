package dev.edgepair.client;

import java.util.List;

import dev.edgepair.identity.Fingerprint;

/**
 * What {@code GET /iam/pairing} and the DTLS handshake tell a client about a device before pairing.
 *
 * @param productId the device's product id
 * @param deviceId the device's device id
 * @param fingerprint the key the device proved in the DTLS handshake of this connection
 * @param appName the application's name (may be empty)
 * @param friendlyName the device's friendly name (may be empty)
 * @param modes the pairing modes possible on this connection now, e.g. {@code PasswordOpen}, {@code LocalInitial}
 */
public record DeviceDescription(String productId, String deviceId, Fingerprint fingerprint, String appName,
                                String friendlyName, List<String> modes) {
    /**
     * @param productId the product id
     * @param deviceId the device id
     * @param fingerprint the device key's fingerprint
     * @param appName the application name
     * @param friendlyName the friendly name
     * @param modes the pairing modes (copied)
     */
    public DeviceDescription {
        modes = List.copyOf(modes);
    }
}
