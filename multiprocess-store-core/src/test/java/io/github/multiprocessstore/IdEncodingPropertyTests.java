package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessstore.internal.format.ObjectIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based checks of the id-to-directory-name mapping on arbitrary strings: it accepts exactly the ids
 * that fit in one file name, is reversible and one-to-one, leaves plain ids (the original's) unchanged, and never
 * produces a name that could leave the store or hide as a dot-entry. The last property drives a real store.
 */
class IdEncodingPropertyTests {

    private static final String NASTY = "./\\\u0000%~ aZ0-_@:*\n\u00e9\u20ac\ud83d\ude00";

    private static Path parent;
    private static Path storeDir;
    private static ObjectStore store;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void openStore() throws IOException {
        parent = Files.createTempDirectory("id-encoding-property");
        storeDir = parent.resolve("store");
        store = ObjectStore.builder(storeDir).durable(false).build();
    }

    @AfterContainer
    static void deleteStore() throws IOException {
        try (Stream<Path> paths = Files.walk(parent)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withChars(NASTY).ofMaxLength(100),
                Arbitraries.strings().withChars("._@-aB9").ofMinLength(240).ofMaxLength(270),
                Arbitraries.strings().withChars("\u00e9a").ofMinLength(80).ofMaxLength(130));
    }

    @Provide
    Arbitrary<String> nastyIds() {
        return Arbitraries.strings().withChars(NASTY).ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> plainIds() {
        Arbitrary<Character> first = Arbitraries.chars().with("abcXYZ019_@-".toCharArray());
        Arbitrary<String> rest =
                Arbitraries.strings().withChars("abcXYZ019._@-").ofMaxLength(254);
        return first.flatMap(c -> rest.map(r -> c + r));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("%0123456789ABCDEFabcdef.x/\u00e9")
                .ofMaxLength(40);
    }

    @Property
    void encodeAcceptsExactlyTheIdsThatFitInOneFileNameAndDecodeInvertsIt(@ForAll("ids") String id) {
        OptionalInt expectedLength = expectedEncodedLength(id);
        if (expectedLength.isEmpty()) {
            assertThatThrownBy(() -> ObjectIds.encode(id)).isInstanceOf(ObjectIds.UnencodableIdException.class);
            return;
        }
        String name = ObjectIds.encode(id);

        assertThat(name).hasSize(expectedLength.getAsInt());
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(ObjectIds.MAX_NAME_BYTES);
        assertThat(name)
                .doesNotStartWith(".")
                .doesNotContain("/", "\\", "\u0000")
                .matches("[A-Za-z0-9._@%-]+");
        assertThat(ObjectIds.decode(name)).isEqualTo(id);
    }

    @Property
    void plainIdsAreTheirOwnNames(@ForAll("plainIds") String id) {
        assertThat(ObjectIds.isPlain(id)).isTrue();
        assertThat(ObjectIds.encode(id)).isEqualTo(id);
        assertThat(ObjectIds.decode(id)).isEqualTo(id);
    }

    @Property
    void decodeAcceptsOnlyTheNamesThatEncodeProduces(@ForAll("names") String name) {
        String id = ObjectIds.decode(name);

        if (id != null) {
            assertThat(ObjectIds.encode(id)).isEqualTo(name);
        }
    }

    @Property(tries = 200)
    void anyIdRoundTripsThroughAStoreAndNothingLandsOutsideIt(@ForAll("nastyIds") String id) {
        int n = TRIES.incrementAndGet();
        if (expectedEncodedLength(id).isEmpty()) {
            assertThatThrownBy(() -> store.upsertObject(object(id, "n", n))).isInstanceOf(InvalidIdException.class);
        } else {
            store.upsertObject(object(id, "n", n));

            assertThat(store.getObject(id).get("n").asInt()).isEqualTo(n);
            assertThat(storeDir.resolve(ObjectIds.encode(id))).isDirectory().hasParent(storeDir);
        }
        assertThat(DiskLayout.names(parent)).containsExactly("store");
        assertThat(DiskLayout.names(storeDir)).noneMatch(name -> name.startsWith(".") && !name.equals(".mpstore"));
    }

    /**
     * The length of an id's directory name as the format defines it, computed independently of the engine: plain
     * ASCII characters count one (a leading '.' excepted), every other UTF-8 byte three ({@code %XX}). Empty if the
     * id cannot be stored: empty, an unpaired surrogate, or more than 255 bytes.
     */
    private static OptionalInt expectedEncodedLength(String id) {
        if (id.isEmpty()) {
            return OptionalInt.empty();
        }
        int length = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1))) {
                    return OptionalInt.empty();
                }
                length += 3 * 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return OptionalInt.empty();
            } else if (isPlainChar(c) && !(i == 0 && c == '.')) {
                length += 1;
            } else {
                length += 3 * (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
            }
        }
        return length > ObjectIds.MAX_NAME_BYTES ? OptionalInt.empty() : OptionalInt.of(length);
    }

    private static boolean isPlainChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '@'
                || c == '-';
    }
}
