package dev.edgepair.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fast unit or property test: no network, no process, no sleep. PIT runs these. Tag {@value #NAME}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@org.junit.jupiter.api.Tag(Unit.NAME)
@net.jqwik.api.Tag(Unit.NAME)
public @interface Unit {
    String NAME = "unit";
}
