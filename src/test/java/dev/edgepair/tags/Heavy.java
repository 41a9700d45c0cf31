package dev.edgepair.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A heavy adversarial run (load, flood, kill -9, hostile proxy, child processes, crashes): bounded sizes
 * in {@code mvn verify}, full sizes with {@code -Pheavy}. PIT skips these. Tag {@value #NAME}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@org.junit.jupiter.api.Tag(Heavy.NAME)
@net.jqwik.api.Tag(Heavy.NAME)
public @interface Heavy {
    String NAME = "heavy";
}
