package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.names;
import static io.github.multiprocessstore.DiskLayout.revision;
import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The maximum object size limits writes only, before anything is written; the reader's limits accept everything a
 * store can write (long strings, names and numbers, deep nesting), and a file beyond them, written by another
 * program, gives an error naming the file and its size, not "corrupt".
 */
class ObjectSizeLimitTests {

    private static final long LIMIT = 1000;

    @TempDir
    Path temp;

    private Path directory;
    private ObjectStore store;

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    @BeforeEach
    void open() {
        directory = temp.resolve("store");
        store = ObjectStore.builder(directory)
                .durable(false)
                .maxObjectSize(LIMIT)
                .build();
    }

    private static ObjectNode padded(String id, int padding) {
        return object(id, "pad", "x".repeat(padding));
    }

    @Test
    void createOverTheLimitIsRejectedNamingIdAndBothSizesAndWritesNothing() {
        ObjectTooLargeException e =
                catchThrowableOfType(ObjectTooLargeException.class, () -> store.createObject(padded("big", 2000)));

        assertThat(e.id()).contains("big");
        assertThat(e.limit()).isEqualTo(LIMIT);
        assertThat(e.size()).isGreaterThan(2000);
        assertThat(e.getMessage()).contains("'big'", e.size() + " bytes", LIMIT + " bytes", "maxObjectSize");
        assertThat(directory.resolve("big")).doesNotExist();
        assertThat(names(directory.resolve(".mpstore/tmp"))).isEmpty();
    }

    @Test
    void everyKindOfWriteOverTheLimitIsRejectedAndLeavesTheObjectAsItWas() {
        ObjectNode small = store.createObject(object("doc", "n", 1));
        List<String> before = names(directory.resolve("doc"));
        List<Consumer<ObjectStore>> writes = List.of(
                s -> s.updateObject(TestJson.with(small, "pad", "x".repeat(2000))),
                s -> s.updateObjectIfCurrent(TestJson.with(small, "pad", "x".repeat(2000))),
                s -> s.updateObjectAtomically("doc", current -> current.put("pad", "x".repeat(2000))),
                s -> s.upsertObject(padded("doc", 2000)),
                s -> s.resolveConflict(TestJson.with(small, "pad", "x".repeat(2000))));

        for (Consumer<ObjectStore> write : writes) {
            assertThatThrownBy(() -> write.accept(store)).isInstanceOf(ObjectTooLargeException.class);
        }

        assertThat(names(directory.resolve("doc"))).isEqualTo(before);
        assertThat(names(directory.resolve(".mpstore/tmp"))).isEmpty();
        assertThat(store.getObject("doc")).isEqualTo(small);
    }

    @Test
    void theLimitCountsTheWholeRevisionFileAndAllowsExactlyIt() throws Exception {
        ObjectNode probe = store.createObject(padded("exact", 10));
        long probeSize =
                Files.size(directory.resolve("exact").resolve(probe.get("_rev").asString()));
        int padding = (int) (10 + LIMIT - probeSize);

        ObjectNode atLimit = store.updateObject(TestJson.with(probe, "pad", "x".repeat(padding)));

        assertThat(Files.size(
                        directory.resolve("exact").resolve(atLimit.get("_rev").asString())))
                .isEqualTo(LIMIT);
        assertThatThrownBy(() -> store.updateObject(TestJson.with(atLimit, "pad", "x".repeat(padding + 1))))
                .isInstanceOf(ObjectTooLargeException.class);
    }

    @Test
    void theLimitMustBeBetweenOneByteAndOneGigabyte() {
        assertThatThrownBy(() -> ObjectStore.builder(directory).maxObjectSize(0))
                .hasMessageContaining("maxObjectSize")
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> ObjectStore.builder(directory).maxObjectSize((1L << 30) + 1))
                .hasMessageContaining("maxObjectSize");
    }

    @Test
    void whatTheLargestLimitAllowsIsReadBackFromDisk() {
        Path large = temp.resolve("large");
        ObjectNode written;
        // Jackson's default reader refuses numbers over 1,000 digits and names over 50,000 characters.
        BigInteger hugeNumber = new BigInteger("9".repeat(5000));
        try (ObjectStore writer = ObjectStore.builder(large)
                .durable(false)
                .maxObjectSize(1L << 30)
                .build()) {
            ObjectNode content = object("huge");
            content.put("number", hugeNumber);
            content.put("n".repeat(60_000), "long name");
            content.put("text", "t".repeat(3_000_000));
            written = writer.createObject(content);
        }
        try (ObjectStore reader = ObjectStore.builder(large).readCacheBytes(0).build()) {
            ObjectNode read = reader.getObject("huge");
            assertThat(read).isEqualTo(written);
            assertThat(read.get("number").bigIntegerValue()).isEqualTo(hugeNumber);
        }
    }

    @Test
    void nestingAsDeepAsTheWriterAllowsIsReadBack() {
        ObjectNode content = object("deep");
        ArrayNode level = content.putArray("nested");
        // the document is one object, "nested" one array: 500 levels in all, the writer's default limit
        for (int depth = 3; depth <= 500; depth++) {
            level = level.addArray();
        }
        ObjectNode written;
        try (ObjectStore writer =
                ObjectStore.builder(temp.resolve("deep")).durable(false).build()) {
            written = writer.createObject(content);
        }

        try (ObjectStore reader =
                ObjectStore.builder(temp.resolve("deep")).readCacheBytes(0).build()) {
            assertThat(reader.getObject("deep")).isEqualTo(written);
        }
    }

    @Test
    void aFileBeyondTheReadersLimitsNamesTheFileAndItsSizeAndIsNotCalledCorrupt() throws Exception {
        Path file = directory.resolve("foreign").resolve(revision(0, 'f'));
        String json = "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        TestJson.writeFile(file, json);

        RevisionBeyondReadLimitsException e =
                catchThrowableOfType(RevisionBeyondReadLimitsException.class, () -> store.getObject("foreign"));

        assertThat(e).isNotInstanceOf(CorruptRevisionException.class);
        assertThat(e.size()).isEqualTo(Files.size(file));
        assertThat(e.getMessage()).contains(file.toString(), Files.size(file) + " bytes", "'foreign'", "depth");
        assertThat(e.getMessage()).doesNotContain("corrupt");
        // scans skip it (logged), as they skip corrupt files
        assertThat(store.count()).isZero();
    }

    @Test
    void integersKeepTheirExactValueBeyondTwoToThe53() {
        ObjectNode content = object("numbers");
        content.put("above53", 9_007_199_254_740_993L);
        content.put("aboveLong", new BigInteger("123456789012345678901234567890"));
        store.createObject(content);

        try (ObjectStore reader =
                ObjectStore.builder(directory).readCacheBytes(0).build()) {
            ObjectNode read = reader.getObject("numbers");
            assertThat(read.get("above53").longValue()).isEqualTo(9_007_199_254_740_993L);
            assertThat(read.get("aboveLong").bigIntegerValue())
                    .isEqualTo(new BigInteger("123456789012345678901234567890"));
        }
    }

    @Test
    void decimalsKeepTheirExactValueWithAMapperThatReadsThemAsBigDecimal() {
        JsonMapper exact = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        BigDecimal precise = new BigDecimal("0.10000000000000000000000000000000000001");
        ObjectNode content = object("decimal");
        content.put("value", precise);
        store.createObject(content);

        try (ObjectStore reader = ObjectStore.builder(directory)
                .readCacheBytes(0)
                .jsonMapper(exact)
                .build()) {
            JsonNode value = reader.getObject("decimal").get("value");
            assertThat(value.decimalValue()).isEqualByComparingTo(precise);
        }
    }
}
