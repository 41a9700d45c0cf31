package dev.edgepair.cli;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import java.net.InetSocketAddress;

import dev.edgepair.device.Device;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.device.DevicePairing;
import dev.edgepair.internal.transport.Dtls;

/** The device the command runs: IAM on the home's state file, every pairing mode, and {@code /hello}. */
final class DeviceApp implements AutoCloseable {
    final DeviceHome home;
    final Iam iam;
    final DevicePairing pairing;
    final Device device;

    private DeviceApp(DeviceHome home, Iam iam, DevicePairing pairing, Device device) {
        this.home = home;
        this.iam = iam;
        this.pairing = pairing;
        this.device = device;
    }

    static DeviceApp start(DeviceHome home, InetSocketAddress local, InetSocketAddress remote,
                           PairingOptions options, DtlsSettings dtls) throws Exception {
        return start(home, local, remote, options, dtls, false);
    }

    /**
     * {@code exposeLocal}: local modes for any source reaching the local listener, not only on-link ones (the
     * library's opt-out).
     */
    static DeviceApp start(DeviceHome home, InetSocketAddress local, InetSocketAddress remote,
                           PairingOptions options, DtlsSettings dtls, boolean exposeLocal)
            throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(home.stateFile()));
        Device.Builder b = Device.builder().identity(home.identity).productId(home.productId)
                .deviceId(home.deviceId).appName("edgepair").localAddress(local).remoteAddress(remote)
                .dtlsSettings(dtls)
                .endpoint(new HelloEndpoint());
        if (exposeLocal) {
            b.lanSources(source -> true); // --expose-local-beyond-lan: warned about by the command
        }
        b.iam(iam);
        Device device = b.passwordPairing(options).build().start();
        return new DeviceApp(home, iam, device.pairing(), device);
    }

    @Override
    public void close() {
        device.close();
    }
}
