package dev.edgepair.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * What an application sees is the API and nothing else: no public or protected member of a public type in an exported
 * package mentions a type of an internal package or of a dependency (Californium, Bouncy Castle, Jackson, cbor-java),
 * so the module's internals can change and its dependencies stay its own.
 */
@Unit
class ApiSurfaceTest {
    private static final Path MAIN = Path.of("src/main/java/dev/edgepair");

    @Test
    void exportedSignaturesMentionOnlyTheJdkAndExportedPackages() throws Exception {
        Set<String> exported = exportedPackages();
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : exportedTypes(exported)) {
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName() + " implements", t, exported, leaks);
            }
            if (c.getGenericSuperclass() != null) {
                check(c.getName() + " extends", c.getGenericSuperclass(), exported, leaks);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    String where = c.getName() + "." + m.getName();
                    check(where, m.getGenericReturnType(), exported, leaks);
                    for (Type p : m.getGenericParameterTypes()) {
                        check(where, p, exported, leaks);
                    }
                    for (Type e : m.getGenericExceptionTypes()) {
                        check(where, e, exported, leaks);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    for (Type p : k.getGenericParameterTypes()) {
                        check(c.getName() + ".<init>", p, exported, leaks);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), exported, leaks);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type t, Set<String> exported, List<String> leaks) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return;
            }
            String pkg = c.getPackageName();
            boolean ok = pkg.startsWith("java.") || pkg.startsWith("javax.security.auth")
                    || exported.contains(pkg);
            if (!ok) {
                leaks.add(where + " mentions " + c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), exported, leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, exported, leaks);
            }
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), exported, leaks);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, exported, leaks);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, exported, leaks);
            }
        } else if (t instanceof TypeVariable<?> v) {
            return; // its bounds are checked where it is declared
        }
    }

    static Set<String> exportedPackages() throws IOException {
        Set<String> out = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("exports ([a-z.]+);")
                .matcher(Files.readString(Path.of("src/main/java/module-info.java")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Class<?>> exportedTypes(Set<String> exported) throws Exception {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList()) {
                String rel = Path.of("src/main/java").relativize(p).toString();
                String name = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
                Class<?> c = Class.forName(name);
                if (exported.contains(c.getPackageName())) {
                    collect(c, out);
                }
            }
        }
        return out;
    }

    private static void collect(Class<?> c, List<Class<?>> out) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return;
        }
        out.add(c);
        for (Class<?> inner : c.getDeclaredClasses()) {
            collect(inner, out);
        }
    }
}
