package dev.edgepair.net;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyAgreementSpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyFactorySpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyPairGeneratorSpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi;

/**
 * An application's explicit choice to run the DTLS handshake's elliptic-curve work (P-256 key generation, ECDH,
 * SHA256withECDSA, EC key decoding) through Bouncy Castle, which is 3-8 times faster than the JDK 17 SunEC provider
 * (spec/benchmarks.md).
 *
 * <p>Scandium takes its crypto from the JVM-wide provider list ({@code KeyPairGenerator.getInstance("EC")} and the
 * like, cached per thread); it has no per-connector provider. {@link #install()} therefore puts one small provider,
 * {@value #NAME}, first in that list. It offers only those four services, so everything else (AES, SHA-256,
 * {@code SecureRandom}, X.509, TLS) stays with the JDK, unlike Californium's {@code CALIFORNIUM_JCE_PROVIDER=BC},
 * which puts the whole Bouncy Castle provider first. Nothing in EdgePair calls it on its own: the library leaves the
 * provider list alone unless the application asks; the {@code edgepair} command asks (unless {@code --sunec}).
 *
 * <p>Call it once at startup, before the first {@code Device} or {@code Client} connects: Scandium keeps the key
 * generators, key agreements and signatures a thread has made. On a JDK that only accepts signed JCE providers
 * (Oracle's), its {@code KeyAgreement} is refused and that service falls back to the next provider.
 */
public final class BouncyCastleEc {
    /** The provider's name in the JVM's list. */
    public static final String NAME = "EdgePair-BC-EC";

    private BouncyCastleEc() {
    }

    /**
     * Puts the provider first in the JVM-wide list.
     *
     * @return true if it was added, false if it was there already
     * @throws SecurityException if a security manager denies changing the provider list
     */
    public static synchronized boolean install() {
        if (isInstalled()) {
            return false;
        }
        Security.insertProviderAt(new EcProvider(), 1);
        return true;
    }

    /**
     * Removes the provider again (benchmarks, tests); connections made meanwhile keep what they took.
     *
     * @throws SecurityException if a security manager denies changing the provider list
     */
    public static synchronized void uninstall() {
        Security.removeProvider(NAME);
    }

    /**
     * Whether {@link #install()} has put the provider in the JVM-wide list (and nobody removed it since).
     *
     * @return true if a provider named {@value #NAME} is installed
     */
    public static boolean isInstalled() {
        return Security.getProvider(NAME) != null;
    }

    private static final class EcProvider extends Provider {
        private static final long serialVersionUID = 1L;

        EcProvider() {
            super(NAME, "1.0", "EdgePair: EC key generation, ECDH and ECDSA through Bouncy Castle's classes");
            service("KeyPairGenerator", "EC", KeyPairGeneratorSpi.EC.class, KeyPairGeneratorSpi.EC::new);
            service("KeyFactory", "EC", KeyFactorySpi.EC.class, KeyFactorySpi.EC::new);
            service("KeyAgreement", "ECDH", KeyAgreementSpi.DH.class, KeyAgreementSpi.DH::new);
            service("Signature", "SHA256withECDSA", SignatureSpi.ecDSA256.class, SignatureSpi.ecDSA256::new);
        }

        private void service(String type, String algorithm, Class<?> spi, Supplier<Object> factory) {
            putService(new Service(this, type, algorithm, spi.getName(), List.of(), Map.of()) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return factory.get();
                }
            });
        }
    }
}
