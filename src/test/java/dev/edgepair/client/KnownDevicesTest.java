package dev.edgepair.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/** spec/transport.md, "Known devices". */
@Unit
class KnownDevicesTest {
    @TempDir
    Path dir;

    private final KnownDevice camera = new KnownDevice("pr-cam", "de-1", Identity.generate().fingerprint(),
            "Front door", "127.0.0.1:5592");

    @Test
    void survivesAReopen() throws Exception {
        Path file = dir.resolve("known.json");
        JsonFileKnownDevices.open(file).remember(camera);
        assertThat(JsonFileKnownDevices.open(file).find("pr-cam", "de-1")).contains(camera);
    }

    @Test
    void refusesADeviceWhoseKeyChangedAndKeepsTheOldOne() throws Exception {
        Path file = dir.resolve("known.json");
        KnownDevices store = JsonFileKnownDevices.open(file);
        store.remember(camera);
        KnownDevice impostor = new KnownDevice("pr-cam", "de-1", Identity.generate().fingerprint(), "", "");
        assertThatThrownBy(() -> store.remember(impostor)).isInstanceOf(DeviceKeyChangedException.class)
                .hasMessageContaining("changed").hasMessageContaining(camera.fingerprint().hex());
        assertThat(JsonFileKnownDevices.open(file).find("pr-cam", "de-1")).contains(camera);
    }

    @Test
    void updatesTheAddressOfTheSameKey() throws Exception {
        KnownDevices store = JsonFileKnownDevices.open(dir.resolve("known.json"));
        store.remember(camera);
        store.remember(camera.withLastAddress("10.0.0.9:5592"));
        assertThat(store.list()).singleElement().extracting(KnownDevice::lastAddress).isEqualTo("10.0.0.9:5592");
    }

    @Test
    void forgetThenPairAgainAcceptsTheNewKey() throws Exception {
        KnownDevices store = JsonFileKnownDevices.open(dir.resolve("known.json"));
        store.remember(camera);
        assertThat(store.forget("pr-cam", "de-1")).isTrue();
        store.remember(new KnownDevice("pr-cam", "de-1", Identity.generate().fingerprint(), "", ""));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aCorruptFileIsAnErrorNotASilentReset() throws Exception {
        Path file = dir.resolve("known.json");
        Files.writeString(file, "{\"version\": 1, \"devices\": [{\"productId\": \"p\"}]}");
        assertThatThrownBy(() -> JsonFileKnownDevices.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
        Files.writeString(file, "{\"version\": 7, \"devices\": []}");
        assertThatThrownBy(() -> JsonFileKnownDevices.open(file)).hasMessageContaining("version 1");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> JsonFileKnownDevices.open(file)).hasMessageContaining("corrupt");
    }
}
