package dev.edgepair.client;

import java.util.List;

import dev.edgepair.identity.Fingerprint;

/** What {@code GET /iam/pairing} and the DTLS handshake tell a client about a device before pairing. */
public record DeviceDescription(String productId, String deviceId, Fingerprint fingerprint, String appName,
                                String friendlyName, List<String> modes) {
}
