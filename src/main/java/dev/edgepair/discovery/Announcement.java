package dev.edgepair.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.edgepair.identity.Fingerprint;

/**
 * What a device announces over DNS-SD: instance {@code <productId>-<deviceId>} of {@code _edgepair._udp}, and TXT
 * {@code productid}, {@code deviceid}, {@code fp} (the device key's fingerprint) and {@code modes} (the pairing modes
 * open now, comma-separated; empty when none). Everything here is public: it is what {@code GET /iam/pairing} says.
 *
 * @param productId the device's product id (TXT {@code productid})
 * @param deviceId the device's id (TXT {@code deviceid})
 * @param fingerprint the device key's fingerprint (TXT {@code fp})
 * @param modes the pairing modes open now, as {@code GET /iam/pairing} names them (TXT {@code modes})
 */
public record Announcement(String productId, String deviceId, Fingerprint fingerprint, List<String> modes) {
    /**
     * An announcement; {@code modes} is copied.
     *
     * @param productId the device's product id
     * @param deviceId the device's id
     * @param fingerprint the device key's fingerprint
     * @param modes the pairing modes open now
     * @throws NullPointerException if an argument is null
     */
    public Announcement {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        modes = List.copyOf(modes);
    }

    /**
     * The DNS-SD instance name.
     *
     * @return {@code <productId>-<deviceId>}
     */
    public String instanceName() {
        return productId + "-" + deviceId;
    }

    /**
     * The TXT record.
     *
     * @return {@code productid}, {@code deviceid}, {@code fp}, {@code modes}, in that order
     */
    public Map<String, String> txt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("productid", productId);
        txt.put("deviceid", deviceId);
        txt.put("fp", fingerprint.hex());
        txt.put("modes", String.join(",", modes));
        return txt;
    }
}
