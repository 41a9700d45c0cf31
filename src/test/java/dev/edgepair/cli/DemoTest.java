package dev.edgepair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.EndToEnd;

/** `./edgepair demo`, the README's first command, runs in mvn verify and every step behaves. */
@EndToEnd
class DemoTest {
    @Test
    void theDemoWalksEveryModeAndEveryStepBehaves() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("demo passed").doesNotContain("UNEXPECTED");
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("local-initial", "invitation", "token", "open password", "man in the middle",
                "throttled", "4.29", "4.03");
    }
}
