package dev.edgepair.cli;

import java.net.InetSocketAddress;

import dev.edgepair.device.Device;
import dev.edgepair.example.HelloResource;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.internal.iam.IamModule;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.Dtls;

/** The device the command runs: IAM on the home's state file, every pairing mode, and {@code /hello}. */
final class DeviceApp implements AutoCloseable {
    final DeviceHome home;
    final Iam iam;
    final PasswordPairing pairing;
    final Device device;

    private DeviceApp(DeviceHome home, Iam iam, PasswordPairing pairing, Device device) {
        this.home = home;
        this.iam = iam;
        this.pairing = pairing;
        this.device = device;
    }

    static DeviceApp start(DeviceHome home, InetSocketAddress local, InetSocketAddress remote,
                           PasswordPairing.Options options, Dtls.Settings dtls) throws Exception {
        return start(home, local, remote, options, dtls, false);
    }

    /**
     * {@code exposeLocal}: local modes for any source reaching the local listener, not only on-link ones (the
     * library's opt-out).
     */
    static DeviceApp start(DeviceHome home, InetSocketAddress local, InetSocketAddress remote,
                           PasswordPairing.Options options, Dtls.Settings dtls, boolean exposeLocal)
            throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(home.stateFile()));
        Device.Builder b = Device.builder().identity(home.identity).productId(home.productId)
                .deviceId(home.deviceId).appName("edgepair").localAddress(local).remoteAddress(remote)
                .dtlsSettings(dtls)
                .resource("hello", HelloResource.ACTION, new HelloResource());
        if (exposeLocal) {
            b.lanSources(source -> true); // --expose-local-beyond-lan: warned about by the command
        }
        IamModule.install(b, iam);
        PasswordPairing pairing = PasswordPairing.install(b, iam, options);
        return new DeviceApp(home, iam, pairing, b.build().start());
    }

    @Override
    public void close() {
        device.close();
    }
}
