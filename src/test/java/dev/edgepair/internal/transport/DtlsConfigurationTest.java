package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.junit.jupiter.api.Test;

import dev.edgepair.net.DtlsSettings;
import dev.edgepair.tags.Unit;

/**
 * The connectors' configurations are copies of one template per role and settings (spec/transport.md): each is the
 * connector's own, as a configuration made from nothing was; none follows a change made to another; and making them
 * leaves Californium's JVM-wide standard configuration alone.
 */
@Unit
class DtlsConfigurationTest {
    /** Settings no other test uses, so that the template is made inside the test. */
    private static DtlsSettings unique(int maxConnections) {
        return new DtlsSettings(3, Duration.ofMillis(700), maxConnections, Duration.ofSeconds(3), Duration.ofSeconds(4),
                null, 5, 6);
    }

    @Test
    void eachConnectorGetsItsOwnCopyAndAChangeToOneReachesNoOther() {
        DtlsSettings settings = unique(4_093);
        Configuration first = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        Configuration second = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        assertThat(second).isNotSameAs(first);
        assertThat(first.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(4_093);
        assertThat(first.get(DtlsConfig.DTLS_MAX_RETRANSMISSIONS)).isEqualTo(3);

        // a key the template sets and one it leaves at Californium's default
        first.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 7);
        int defaultFragments = first.get(DtlsConfig.DTLS_MAX_DEFERRED_INBOUND_RECORDS_SIZE);
        first.set(DtlsConfig.DTLS_MAX_DEFERRED_INBOUND_RECORDS_SIZE, defaultFragments + 1);
        Configuration third = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        assertThat(third.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(4_093);
        assertThat(third.get(DtlsConfig.DTLS_MAX_DEFERRED_INBOUND_RECORDS_SIZE)).isEqualTo(defaultFragments);
        assertThat(second.get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(4_093);
    }

    @Test
    void makingConfigurationsLeavesCaliforniumsStandardConfigurationAlone() {
        // left in place afterwards: a default configuration, as createStandardWithoutFile() would make (reading the
        // standard while there is none would make one from a file in the working directory)
        Configuration mine = new Configuration();
        Configuration.setStandard(mine);
        Dtls.configuration(DtlsRole.CLIENT_ONLY, unique(4_094));
        Dtls.configuration(DtlsRole.SERVER_ONLY, unique(4_094));
        assertThat(Configuration.getStandard()).isSameAs(mine);
    }

    @Test
    void otherSettingsOrAnotherRoleGetTheirOwnValues() {
        DtlsSettings small = unique(17);
        DtlsSettings few = unique(4_095).withPerSourceLimits(2, 3);
        assertThat(Dtls.configuration(DtlsRole.CLIENT_ONLY, small).get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(17);
        assertThat(Dtls.configuration(DtlsRole.CLIENT_ONLY, few).get(DtlsConfig.DTLS_MAX_CONNECTIONS)).isEqualTo(4_095);
        Configuration server = Dtls.configuration(DtlsRole.SERVER_ONLY, small);
        Configuration client = Dtls.configuration(DtlsRole.CLIENT_ONLY, small);
        assertThat(server.get(DtlsConfig.DTLS_ROLE)).isEqualTo(DtlsRole.SERVER_ONLY);
        assertThat(client.get(DtlsConfig.DTLS_ROLE)).isEqualTo(DtlsRole.CLIENT_ONLY);
        // a client connection has one socket and one peer: one receiver thread whatever the host's cores
        assertThat(client.get(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT)).isEqualTo(1);
    }
}
