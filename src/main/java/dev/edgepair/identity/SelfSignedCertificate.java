package dev.edgepair.identity;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The X.509 certificate that carries an identity's key to peers without raw public keys (Mbed TLS, OpenSSL): self
 * signed, {@code CN=edgepair}, valid from 2001 to 2049 so that no clock decides anything, no extensions. Nobody
 * trusts it for what it says; a peer only takes the key out of it.
 */
final class SelfSignedCertificate {
    static final String SUBJECT = "CN=edgepair";
    static final Instant NOT_BEFORE = Instant.parse("2001-01-01T00:00:00Z");
    /** The last instant an X.509 UTCTime can express before 2050. */
    static final Instant NOT_AFTER = Instant.parse("2049-12-31T23:59:59Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    static X509Certificate create(PrivateKey privateKey, PublicKey publicKey) {
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        X500Name name = new X500Name(SUBJECT);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial).setBit(0),
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, publicKey);
        try {
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)).getEncoded();
            return parse(der);
        } catch (OperatorCreationException | java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a P-256 certificate", e);
        }
    }

    /** The certificate in {@code pem} if it is one and carries {@code publicKey}; otherwise empty. */
    static Optional<X509Certificate> carrying(String pem, PublicKey publicKey) {
        try {
            X509Certificate certificate = parse(Identity.Pem.decode(pem, "CERTIFICATE"));
            PublicKey carried = PublicKeys.requireP256(certificate.getPublicKey());
            return Arrays.equals(carried.getEncoded(), publicKey.getEncoded()) ? Optional.of(certificate)
                    : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return Identity.Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate re-encodes", e);
        }
    }

    /** Parsed by the platform's provider, as the DTLS layer expects. */
    private static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
