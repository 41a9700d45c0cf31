package dev.edgepair.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Known devices that live as long as the process; the base of the file-backed store. */
class InMemoryKnownDevices implements KnownDevices {
    private final List<KnownDevice> devices = new ArrayList<>();

    InMemoryKnownDevices() {
    }

    InMemoryKnownDevices(List<KnownDevice> initial) {
        devices.addAll(initial);
    }

    @Override
    public synchronized Optional<KnownDevice> find(String productId, String deviceId) {
        return devices.stream().filter(d -> d.sameDevice(productId, deviceId)).findFirst();
    }

    @Override
    public synchronized List<KnownDevice> list() {
        return List.copyOf(devices);
    }

    @Override
    public synchronized void remember(KnownDevice device) throws DeviceKeyChangedException, java.io.IOException {
        Optional<KnownDevice> old = find(device.productId(), device.deviceId());
        if (old.isPresent() && !old.get().fingerprint().equals(device.fingerprint())) {
            throw new DeviceKeyChangedException(device.productId(), device.deviceId(), old.get().fingerprint(),
                    device.fingerprint());
        }
        List<KnownDevice> next = new ArrayList<>(devices);
        next.removeIf(d -> d.sameDevice(device.productId(), device.deviceId()));
        next.add(device);
        persist(next);
        devices.clear();
        devices.addAll(next);
    }

    @Override
    public synchronized boolean forget(String productId, String deviceId) throws java.io.IOException {
        List<KnownDevice> next = new ArrayList<>(devices);
        boolean removed = next.removeIf(d -> d.sameDevice(productId, deviceId));
        if (removed) {
            persist(next);
            devices.clear();
            devices.addAll(next);
        }
        return removed;
    }

    /** Writes the new list before it becomes visible; a failed write changes nothing. */
    void persist(List<KnownDevice> next) throws java.io.IOException {
    }
}
