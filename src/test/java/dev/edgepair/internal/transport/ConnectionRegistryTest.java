package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/transport.md, "Connection lifetime", on a registry with a hand-driven clock. */
@Unit
class ConnectionRegistryTest {
    private final AtomicLong now = new AtomicLong();
    private final ConnectionRegistry registry = new ConnectionRegistry(Duration.ofSeconds(30), now::get);
    private final InetSocketAddress alice = new InetSocketAddress("127.0.0.1", 4000);

    private ConnectionState open(ConnectionKey key, InetSocketAddress peer) {
        return registry.open(key, peer, () -> new byte[32]);
    }

    /** An attribute that notices when its connection goes. */
    static final class Closeable implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aNewSessionFromTheSameAddressReplacesTheOld() {
        ConnectionKey first = new ConnectionKey(Listener.LOCAL, "aa", 1);
        Closeable attr = new Closeable();
        open(first, alice).put(Closeable.class, attr);
        ConnectionKey second = new ConnectionKey(Listener.LOCAL, "bb", 2);
        open(second, alice);
        assertThat(registry.contains(first)).isFalse();
        assertThat(attr.closed).isTrue();
        assertThat(registry.contains(second)).isTrue();
    }

    @Test
    void aResumedSessionIsANewConnection() {
        ConnectionKey first = new ConnectionKey(Listener.REMOTE, "aa", 1);
        open(first, alice).put(String.class, "authenticated");
        ConnectionKey resumed = new ConnectionKey(Listener.REMOTE, "aa", 2);
        assertThat(open(resumed, alice).get(String.class)).isNull();
        assertThat(registry.contains(first)).isFalse();
    }

    @Test
    void theSameAddressOnTheOtherListenerIsAnotherConnection() {
        open(new ConnectionKey(Listener.LOCAL, "aa", 1), alice);
        open(new ConnectionKey(Listener.REMOTE, "bb", 1), alice);
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void idleConnectionsAreSweptAndUsedOnesKept() {
        ConnectionKey idle = new ConnectionKey(Listener.LOCAL, "aa", 1);
        ConnectionKey busy = new ConnectionKey(Listener.LOCAL, "bb", 1);
        open(idle, alice);
        open(busy, new InetSocketAddress("127.0.0.1", 4001));
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        open(busy, new InetSocketAddress("127.0.0.1", 4001));
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        registry.sweep();
        assertThat(registry.contains(idle)).isFalse();
        assertThat(registry.contains(busy)).isTrue();
    }

    @Test
    void evictionBySessionIdDropsTheState() {
        ConnectionKey key = new ConnectionKey(Listener.REMOTE, "cafe", 9);
        ConnectionState state = open(key, alice);
        registry.dropSession(Listener.REMOTE, "cafe");
        assertThat(registry.contains(key)).isFalse();
        assertThat(state.isClosed()).isTrue();
        state.put(String.class, "late write");
        assertThat(state.get(String.class)).isNull();
    }
}
