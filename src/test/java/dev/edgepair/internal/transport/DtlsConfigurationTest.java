package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.junit.jupiter.api.Test;

import dev.edgepair.net.DtlsSettings;
import dev.edgepair.tags.Unit;

/**
 * The connectors' configurations are copies of one template per role and settings (spec/benchmarks.md): each is
 * the connector's own, as a configuration made from nothing was, and none follows a later change of another or of
 * Californium's JVM-wide standard configuration.
 */
@Unit
class DtlsConfigurationTest {
    @Test
    void eachConnectorGetsItsOwnCopyWithTheSettingsValues() {
        DtlsSettings settings = DtlsSettings.defaults();
        Configuration first = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        Configuration second = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        assertThat(second).isNotSameAs(first);
        assertThat(first.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(settings.maxConnections());
        assertThat(first.get(DtlsConfig.DTLS_ROLE)).isEqualTo(DtlsRole.CLIENT_ONLY);

        first.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 7);
        Configuration.getStandard().set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 99);
        Configuration third = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        assertThat(third.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(settings.maxConnections());
        assertThat(third.get(DtlsConfig.DTLS_MAX_RETRANSMISSIONS)).isEqualTo(settings.maxRetransmissions());
        assertThat(second.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(settings.maxConnections());
    }

    @Test
    void otherSettingsOrAnotherRoleGetTheirOwnValues() {
        DtlsSettings few = DtlsSettings.defaults().withPerSourceLimits(2, 3);
        DtlsSettings small = new DtlsSettings(2, java.time.Duration.ofMillis(300), 17, java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(1), null, 4, 4);
        assertThat(Dtls.configuration(DtlsRole.CLIENT_ONLY, small).get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(17);
        assertThat(Dtls.configuration(DtlsRole.CLIENT_ONLY, few).get(DtlsConfig.DTLS_MAX_CONNECTIONS))
                .isEqualTo(few.maxConnections());
        assertThat(Dtls.configuration(DtlsRole.SERVER_ONLY, small).get(DtlsConfig.DTLS_ROLE))
                .isEqualTo(DtlsRole.SERVER_ONLY);
        assertThat(Dtls.configuration(DtlsRole.CLIENT_ONLY, small).get(DtlsConfig.DTLS_ROLE))
                .isEqualTo(DtlsRole.CLIENT_ONLY);
    }
}
