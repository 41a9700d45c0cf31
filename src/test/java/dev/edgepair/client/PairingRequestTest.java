package dev.edgepair.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.tags.Unit;

/** spec/client.md, "Pairing requests": each mode takes exactly its values, checked once, before anything is sent. */
@Unit
class PairingRequestTest {
    private static final InetSocketAddress AT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);

    @Test
    void eachModeNamesItsValues() {
        PairingRequest open = PairingRequest.passwordOpen(AT).password("open-sesame-42").username("bob")
                .keyName("phone").build();
        assertThat(open.mode()).isEqualTo(PairingRequest.Mode.PASSWORD_OPEN);
        assertThat(open.username()).contains("bob");
        assertThat(open.secret()).isEqualTo("open-sesame-42");
        assertThat(open.keyName()).isEqualTo("phone");
        assertThat(open.expectedDevice()).isEmpty();

        PairingRequest invite = PairingRequest.passwordInvite(AT).username("carol").password("carol-s3cret").build();
        assertThat(invite.username()).contains("carol");
        assertThat(invite.secret()).isEqualTo("carol-s3cret");

        PairingRequest token = PairingRequest.token(AT).tokenId("0123abcd").token("abcd-efgh-jkmn-pqrs").build();
        assertThat(token.tokenId()).contains("0123abcd");
        assertThat(token.secret()).as("canonical form").isEqualTo("ABCDEFGHJKMNPQRS");
        assertThat(token.username()).isEmpty();

        assertThat(PairingRequest.localInitial(AT).build().mode()).isEqualTo(PairingRequest.Mode.LOCAL_INITIAL);
        assertThat(PairingRequest.localOpen(AT).username("dave").build().username()).contains("dave");
    }

    @Test
    void missingExtraOrMalformedValuesAreRefusedOnBuild() {
        assertThatThrownBy(() -> PairingRequest.passwordOpen(AT).password("open-sesame-42").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a username");
        assertThatThrownBy(() -> PairingRequest.passwordOpen(AT).username("bob").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> PairingRequest.passwordOpen(AT).password("open-sesame-42").username("Bob Smith")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a-z0-9_.-]");
        assertThatThrownBy(() -> PairingRequest.localInitial(AT).password("open-sesame-42").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no password");
        assertThatThrownBy(() -> PairingRequest.localInitial(AT).username("bob").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no username");
        assertThatThrownBy(() -> PairingRequest.token(AT).tokenId("0123abcd").token("too-short").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pairing token");
        assertThatThrownBy(() -> PairingRequest.token(AT).tokenId("XYZ").token("abcd-efgh-jkmn-pqrs").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 hex");
        assertThatThrownBy(() -> PairingRequest.passwordInvite(AT).username("carol").password("carol-s3cret")
                .tokenId("0123abcd").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no token id");
        assertThatThrownBy(() -> PairingRequest.localInitial(AT).keyName("phone\u001b[2J").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key name");
    }

    @Test
    void aPairingStringGivesTheModeTheIdsTheKeyAndTheAddress() {
        var fp = Identity.generate().fingerprint();
        PairingRequest token = PairingRequest.fromPairingString(PairingString.parse(
                "p=pr-a,d=de-b,tid=0123abcd,pwd=ABCD-EFGH-JKMN-PQRS,fp=" + fp.hex() + ",a=127.0.0.1:5684")).build();
        assertThat(token.mode()).isEqualTo(PairingRequest.Mode.TOKEN);
        assertThat(token.expectedDevice()).contains(fp);
        assertThat(token.productIdOrNull()).isEqualTo("pr-a");
        assertThat(token.deviceIdOrNull()).isEqualTo("de-b");
        assertThat(token.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 5684));

        PairingRequest invite = PairingRequest.fromPairingString(PairingString.parse(
                "p=pr-a,d=de-b,u=carol,pwd=carol-s3cret")).address(AT).build();
        assertThat(invite.mode()).isEqualTo(PairingRequest.Mode.PASSWORD_INVITE);
        assertThat(invite.username()).contains("carol");

        PairingString open = PairingString.parse("p=pr-a,d=de-b,pwd=open-sesame-42,a=127.0.0.1:5684");
        assertThatThrownBy(() -> PairingRequest.fromPairingString(open).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("open pairing needs a username for the new user");
        assertThat(PairingRequest.fromPairingString(open).username("bob").build().mode())
                .isEqualTo(PairingRequest.Mode.PASSWORD_OPEN);
        assertThatThrownBy(() -> PairingRequest.fromPairingString(PairingString.parse("p=pr-a,d=de-b,"
                + "pwd=open-sesame-42")).username("bob").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no device address");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(PairingRequest.passwordOpen(AT).password("open-sesame-42").username("bob").build().toString())
                .doesNotContain("open-sesame-42").contains("redacted");
        assertThat(PairingRequest.token(AT).tokenId("0123abcd").token("abcd-efgh-jkmn-pqrs").build().toString())
                .doesNotContainIgnoringCase("abcdefghjkmnpqrs").doesNotContainIgnoringCase("abcd-efgh");
    }
}
