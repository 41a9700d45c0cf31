package dev.edgepair.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import dev.edgepair.internal.storage.AtomicFiles;

import dev.edgepair.internal.secret.SecretAccess;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A long-term ECDSA P-256 key pair: a device's or a client's identity. Saved as PEM (PKCS#8 private key, mode 0600;
 * SubjectPublicKeyInfo public key beside it; the self-signed certificate that carries the key to X.509-only peers
 * beside it too); loads PKCS#8 and OpenSSL's SEC1 {@code EC PRIVATE KEY} files.
 */
public final class Identity {
    static {
        // the DTLS layer reads the private key through this bridge; no public method hands it out
        SecretAccess.installPrivateKeyReader(i -> ((Identity) i).privateKey);
    }

    private static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));
    private static final AlgorithmIdentifier P256_KEY = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
            P256);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Fingerprint fingerprint;
    /** Made on first use unless read from the certificate file; only ever one that carries {@link #publicKey}. */
    private volatile X509Certificate certificate;

    private Identity(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.fingerprint = Fingerprint.of(publicKey);
    }

    /**
     * A new key pair. The scalar multiplication runs in Bouncy Castle's fixed-base comb (about 4 times faster than
     * JDK 17's SunEC); the keys are made by the JDK's {@code EC} key factory from their standard encodings, which name
     * the curve (so they encode the same whichever provider is first, see {@code BouncyCastleEc}). Nothing is
     * written: {@link #save} does that.
     *
     * @return a new identity from a fresh {@link SecureRandom}
     */
    public static Identity generate() {
        try {
            ECKeyPairGenerator g = new ECKeyPairGenerator();
            g.init(new ECKeyGenerationParameters(DOMAIN, new SecureRandom()));
            AsymmetricCipherKeyPair pair = g.generateKeyPair();
            BigInteger d = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
            org.bouncycastle.math.ec.ECPoint q = ((ECPublicKeyParameters) pair.getPublic()).getQ();
            KeyFactory f = KeyFactory.getInstance("EC");
            PrivateKey privateKey = f.generatePrivate(new PKCS8EncodedKeySpec(new PrivateKeyInfo(P256_KEY,
                    new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, P256)).getEncoded()));
            return new Identity(privateKey, publicKeyOf(f, q));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("P-256 is required by every Java 17 platform", e);
        }
    }

    private static PublicKey publicKeyOf(KeyFactory f, org.bouncycastle.math.ec.ECPoint q)
            throws GeneralSecurityException, IOException {
        return f.generatePublic(new X509EncodedKeySpec(new SubjectPublicKeyInfo(P256_KEY, q.getEncoded(false))
                .getEncoded()));
    }

    /**
     * Loads a private key PEM file; the public key is derived from it. The certificate is read from
     * {@link #certificateFile} when that holds one carrying this key; otherwise one is made in memory when first
     * needed (nothing is written: {@link #loadOrCreate} does that).
     *
     * @param privateKeyFile a PEM file: PKCS#8 {@code PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, P-256
     * @return the identity in it
     * @throws IdentityException if the file is missing or unreadable, or does not hold a valid P-256 private key
     */
    public static Identity load(Path privateKeyFile) throws IdentityException {
        Identity identity = loadKey(privateKeyFile);
        identity.readCertificate(privateKeyFile);
        return identity;
    }

    private static Identity loadKey(Path privateKeyFile) throws IdentityException {
        String pem;
        try {
            pem = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IdentityException(privateKeyFile, "no such key file");
        } catch (IOException e) {
            throw new IdentityException(privateKeyFile, "cannot read key file: " + e.getMessage());
        }
        try {
            byte[] pkcs8;
            if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
                pkcs8 = Pem.decode(pem, "PRIVATE KEY");
            } else if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                        ASN1Primitive.fromByteArray(Pem.decode(pem, "EC PRIVATE KEY")));
                // The curve is inside the SEC1 structure: refuse anything but P-256 before re-labelling it.
                ASN1Encodable params = sec1.getParametersObject();
                if (params == null || !P256.equals(params)) {
                    throw new IdentityException(privateKeyFile, "not a P-256 (prime256v1) key");
                }
                pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, P256), sec1)
                        .getEncoded();
            } else {
                throw new IdentityException(privateKeyFile, "not a PEM private key (PRIVATE KEY or EC PRIVATE KEY)");
            }
            PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (!(privateKey instanceof ECPrivateKey) || !isP256((ECPrivateKey) privateKey)) {
                throw new IdentityException(privateKeyFile, "not a P-256 (prime256v1) key");
            }
            return new Identity(privateKey, derivePublic((ECPrivateKey) privateKey));
        } catch (IdentityException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(privateKeyFile, "not a valid P-256 private key");
        }
    }

    /**
     * Loads the identity in {@code file}, creating and saving a new one if the file does not exist. Its certificate
     * file ({@link #certificateFile}) is (re)written when it is missing or does not carry this key.
     *
     * @param file the private key file, as for {@link #load} and {@link #save}
     * @return the identity loaded, or the new one saved
     * @throws IdentityException if the file exists but is not a valid P-256 key, or a file cannot be written
     */
    public static Identity loadOrCreate(Path file) throws IdentityException {
        if (Files.exists(file)) {
            Identity identity = loadKey(file);
            if (!identity.readCertificate(file)) {
                identity.writeCertificate(file);
            }
            return identity;
        }
        Identity identity = generate();
        identity.save(file);
        return identity;
    }

    /**
     * Writes the private key (mode 0600, atomically), the public key to {@code file}.pub and the certificate to
     * {@link #certificateFile}.
     *
     * @param file where the private key goes; the other two files go beside it
     * @throws IdentityException if a file cannot be written
     */
    public void save(Path file) throws IdentityException {
        try {
            AtomicFiles.writeAtomically(file, Pem.encode("PRIVATE KEY", privateKey.getEncoded())
                    .getBytes(StandardCharsets.US_ASCII), true);
            AtomicFiles.writeAtomically(file.resolveSibling(file.getFileName() + ".pub"),
                    publicKeyPem().getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            throw new IdentityException(file, "cannot write key file: " + e.getMessage());
        }
        writeCertificate(file);
    }

    /**
     * Where the certificate of the key in {@code keyFile} is kept.
     *
     * @param keyFile a private key file
     * @return {@code <keyFile>.crt.pem}, beside it
     */
    public static Path certificateFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".crt.pem");
    }

    /**
     * A certificate that carries this key to peers without raw public keys (RFC 7250): the one in the certificate
     * file if it was read from there, else a self-signed one ({@code CN=edgepair}, valid 2001-2049) made once.
     *
     * @return a certificate whose public key is this identity's
     */
    public X509Certificate certificate() {
        X509Certificate c = certificate;
        if (c == null) {
            synchronized (this) {
                if (certificate == null) {
                    certificate = SelfSignedCertificate.create(privateKey, publicKey);
                }
                c = certificate;
            }
        }
        return c;
    }

    /** Takes the certificate file's certificate if it carries this key; false if it is missing or does not. */
    private boolean readCertificate(Path keyFile) {
        Path file = certificateFile(keyFile);
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        java.util.Optional<X509Certificate> carried = SelfSignedCertificate.carrying(pem, publicKey);
        carried.ifPresent(c -> certificate = c);
        return carried.isPresent();
    }

    private void writeCertificate(Path keyFile) throws IdentityException {
        Path file = certificateFile(keyFile);
        try {
            AtomicFiles.writeAtomically(file, SelfSignedCertificate.pem(certificate())
                    .getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            throw new IdentityException(file, "cannot write certificate file: " + e.getMessage());
        }
    }

    /**
     * The public half, what peers pin.
     *
     * @return the P-256 public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * The fingerprint of the public key, what pairing strings and known-device lists carry.
     *
     * @return the SHA-256 of the public key's SubjectPublicKeyInfo
     */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * The public key as PEM, as written to {@code <file>.pub}.
     *
     * @return a {@code PUBLIC KEY} (SubjectPublicKeyInfo) PEM block
     */
    public String publicKeyPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The fingerprint only: the private key never appears in a string. */
    @Override
    public String toString() {
        return "Identity[" + fingerprint.hex() + "]";
    }

    private static boolean isP256(ECPrivateKey key) {
        BigInteger n = CustomNamedCurves.getByName("secp256r1").getN();
        return key.getS().signum() > 0 && key.getS().compareTo(n) < 0 && PublicKeys.isP256(key.getParams());
    }

    private static PublicKey derivePublic(ECPrivateKey key) throws GeneralSecurityException, IOException {
        return publicKeyOf(KeyFactory.getInstance("EC"), DOMAIN.getG().multiply(key.getS()));
    }

    /** PEM armour. */
    static final class Pem {
        private Pem() {
        }

        static String encode(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }

        static byte[] decode(String pem, String type) {
            String begin = "-----BEGIN " + type + "-----";
            String end = "-----END " + type + "-----";
            int from = pem.indexOf(begin);
            int to = pem.indexOf(end, from);
            if (from < 0 || to < 0) {
                throw new IllegalArgumentException("no " + type + " block");
            }
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        }
    }

}
