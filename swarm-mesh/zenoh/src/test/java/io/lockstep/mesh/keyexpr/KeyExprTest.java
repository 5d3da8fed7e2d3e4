package io.lockstep.mesh.keyexpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases follow the intersection, inclusion and canonicalisation tests of Zenoh's keyexpr crate. */
class KeyExprTest {

    @ParameterizedTest
    @CsvSource({
            "a, a, true", "a/b, a/b, true", "a, b, false", "a/b, a, false",
            "*, a, true", "*, a/b, false", "a/*, a/b, true", "a/*, a, false",
            "**, a, true", "**, a/b/c, true", "a/**, a, true", "a/**, a/b/c, true", "a/**, b, false",
            "a/**/c, a/c, true", "a/**/c, a/b/x/c, true", "a/**/c, a/b/d, false",
            "**/b, a/b, true", "**/b, b, true", "**/b, a/c, false",
            "a$*, ab, true", "a$*, a, true", "a$*, ba, false", "$*b, ab, true",
            "a$*c, abc, true", "a$*c, ac, true", "a$*c, ab, false", "a$*b$*c, axbyc, true",
            "a$*, $*b, true", "a$*b, b$*a, false", "a$*, *, true",
            "*/**, a, true", "*/**, a/b, true",
            "**, @a, false", "*, @a, false", "@a, @a, true", "@a/**, @a/b, true", "a/**, a/@b, false",
            "**/@b, @b, true", "**, **, true", "a/*/c, a/**, true", "demo/example/**, demo/example/pico, true",
            "demo/**, demo/example/zenoh-pico-queryable, true", "group1/**, group1/node7, true",
            "group1/**, group2/node7, false"})
    void intersection(String a, String b, boolean expected) {
        KeyExpr ka = KeyExpr.of(a);
        KeyExpr kb = KeyExpr.of(b);
        assertEquals(expected, ka.intersects(kb), a + " ∩ " + b);
        assertEquals(expected, kb.intersects(ka), "intersection is symmetric: " + b + " ∩ " + a);
    }

    @ParameterizedTest
    @CsvSource({
            "a, a, true", "*, a, true", "a, *, false", "**, a/b, true", "**, *, true", "*, **, false",
            "a/**, a/b/c, true", "a/**, a, true", "a/**, a/*, true", "a/*, a/**, false",
            "a/*/c, a/b/c, true", "a/*/c, a/b/d, false", "**/c, a/**/c, true", "a/**/c, **/c, false",
            "a$*, ab$*, true", "ab$*, a$*, false", "$*, a, true", "*, a$*, true", "a$*, *, false",
            "**, @a, false", "@a/**, @a/b, true", "@a/**, @a, true", "**, **, true", "a/**, **, false"})
    void inclusion(String a, String b, boolean expected) {
        assertEquals(expected, KeyExpr.autocanonize(a).includes(KeyExpr.autocanonize(b)), a + " ⊇ " + b);
    }

    @ParameterizedTest
    @CsvSource({
            "a/**/**/b, a/**/b", "**/*, */**", "a/**/*/**, a/*/**", "**/*/*, */*/**", "a$*$*b, a$*b",
            "$*, *", "a/$*/b, a/*/b", "**/**/**, **", "a/**/*, a/*/**"})
    void canonicalisation(String input, String canonical) {
        assertEquals(canonical, KeyExpr.autocanonize(input).toString());
        assertEquals(canonical, KeyExpr.of(canonical).toString(), "canonical form is accepted as is");
        if (!input.equals(canonical)) {
            assertThrows(KeyExprException.class, () -> KeyExpr.of(input), "non-canonical form refused by of()");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", "a#b", "a?b", "a$b", "a*", "a**b", "***", "a/b*"})
    void invalidExpressions(String text) {
        assertThrows(KeyExprException.class, () -> KeyExpr.autocanonize(text));
    }

    @org.junit.jupiter.api.Test
    void joinCanonicalisesAndWildnessIsReported() {
        assertEquals("a/*/**", KeyExpr.of("a/**").join("*").toString());
        assertEquals(true, KeyExpr.of("a/$*b").isWild());
        assertEquals(false, KeyExpr.of("a/b").isWild());
        assertThrows(KeyExprException.class, () -> KeyExpr.of("a").join("/b"));
    }
}
