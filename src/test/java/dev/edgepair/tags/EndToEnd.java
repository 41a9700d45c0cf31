package dev.edgepair.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Real DTLS on loopback (a device and clients in this JVM, or libcoap's client). PIT skips these. Tag {@value #NAME}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@org.junit.jupiter.api.Tag(EndToEnd.NAME)
@net.jqwik.api.Tag(EndToEnd.NAME)
public @interface EndToEnd {
    String NAME = "e2e";
}
