package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.DeviceConnection;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** 50 clients pair at once over real DTLS; exactly 50 users result, on disk as in memory. */
@EndToEnd
class ConcurrentPairingTest {
    @TempDir
    Path dir;

    @Test
    void fiftyClientsPairingConcurrentlyLeaveExactlyFiftyUsers() throws Exception {
        try (IamFixture f = new IamFixture(dir)) {
            f.iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, true);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String name = "user-" + i;
                results.add(pool.submit(() -> {
                    try (DeviceConnection c = f.local(IamFixture.newClient())) {
                        return c.post("/iam/pairing/local-open", CborMap.builder().put("Username", name).build())
                                .code();
                    }
                }));
            }
            for (Future<String> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo("2.01");
            }
            pool.shutdown();
            List<User> users = f.iam.state().users();
            assertThat(users).hasSize(51); // 50 and the initial admin
            assertThat(users.stream().filter(u -> u.username().startsWith("user-")).map(u -> u.fingerprints().size()))
                    .hasSize(50).allMatch(n -> n == 1);
            assertThat(new JsonFileIamStateStore(f.stateFile).load().orElseThrow()).isEqualTo(f.iam.state());
        }
    }
}
