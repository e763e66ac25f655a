package io.github.multiprocessstore.benchmarks.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor: the on-disk layout this engine shares with the npm original, written by the shortest program that can
 * write it, with no library of ours. It tells how fast the layout itself can go, so that the engine's figures can be
 * read as "this much of the format's own limit".
 *
 * <p>A write puts the JSON in a temp file in a dot-directory of the store and renames it into the object directory
 * as {@code <N>-<32 random hex>}; a create first makes the object directory. A read lists the object directory,
 * elects the highest revision (number first, then the name, which for equal numbers is the original's order on
 * 32 lowercase hex digits) and parses that file. An update is that read, the change, and that write. There is no
 * lock, no cache, no id encoding (the benchmark's ids need none), no check that a revision is not replaced (the
 * names are random) and no strict update: what the engine adds for its guarantees is exactly what this lacks.
 *
 * <p>Durable (the engine's durable mode does the same): the temp file is synced ({@code fdatasync}) before the
 * rename, the object directory after it, and the store directory after creating an object directory.
 */
final class FloorClient implements Client {

    /** The floor's temp directory: a dot-name, so readers of the layout skip it like the engine's own. */
    static final String TEMP_DIRECTORY = ".floor-tmp";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Path store;
    private final Path temp;
    private final boolean durable;
    private final JsonMapper mapper;

    FloorClient(Path store, boolean durable, JsonMapper mapper) {
        this.store = store;
        this.temp = store.resolve(TEMP_DIRECTORY);
        this.durable = durable;
        this.mapper = mapper;
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp, e);
        }
    }

    @Override
    public void create(ObjectNode document) {
        create(document, durable);
    }

    private void create(ObjectNode document, boolean sync) {
        String id = document.get("_id").asString();
        Path directory = store.resolve(checkedName(id));
        String revision = "0-" + randomHex();
        document.put("_rev", revision);
        try {
            Path written = writeTemp(document, sync);
            Files.createDirectory(directory);
            Files.move(written, directory.resolve(revision), StandardCopyOption.ATOMIC_MOVE);
            if (sync) {
                syncDirectory(directory);
                syncDirectory(store);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("floor: cannot create " + id, e);
        }
    }

    @Override
    public void populate(int count) {
        for (int i = 0; i < count; i++) {
            create(Documents.document(mapper, i), false);
        }
    }

    @Override
    public ObjectNode get(String id) {
        Path directory = store.resolve(checkedName(id));
        return read(directory, winner(directory));
    }

    @Override
    public int increment(String id) {
        Path directory = store.resolve(checkedName(id));
        String current = winner(directory);
        ObjectNode document = read(directory, current);
        document.put(Documents.COUNTER, document.get(Documents.COUNTER).asInt() + 1);
        String revision = (number(current) + 1) + "-" + randomHex();
        document.put("_rev", revision);
        try {
            Path written = writeTemp(document, durable);
            Files.move(written, directory.resolve(revision), StandardCopyOption.ATOMIC_MOVE);
            if (durable) {
                syncDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("floor: cannot update " + id, e);
        }
        return 0;
    }

    @Override
    public int readAll() {
        List<ObjectNode> all = new ArrayList<>();
        for (String name : objectNames()) {
            all.add(get(name));
        }
        return all.size();
    }

    @Override
    public long iterateAll() {
        long visited = 0;
        for (String name : objectNames()) {
            if (get(name).has("_rev")) {
                visited++;
            }
        }
        return visited;
    }

    @Override
    public long count() {
        return objectNames().length;
    }

    @Override
    public ObjectNode verify(String id) {
        Path directory = store.resolve(checkedName(id));
        String[] names = revisionNames(directory);
        Map<Long, Integer> perNumber = new HashMap<>();
        for (String name : names) {
            perNumber.merge(number(name), 1, Integer::sum);
        }
        ObjectNode result = mapper.createObjectNode();
        result.put("counter", get(id).get(Documents.COUNTER).asInt());
        result.put("updatesStored", names.length - 1);
        result.put(
                "conflictGroups", perNumber.values().stream().filter(n -> n > 1).count());
        result.put(
                "conflictLosers",
                perNumber.values().stream().mapToInt(n -> n - 1).sum());
        return result;
    }

    @Override
    public void close() {
        // nothing is held open between operations
    }

    private Path writeTemp(ObjectNode document, boolean sync) throws IOException {
        Path file = temp.resolve(randomHex());
        byte[] json = mapper.writeValueAsBytes(document);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync) {
                channel.force(false);
            }
        }
        return file;
    }

    private ObjectNode read(Path directory, String revision) {
        try {
            return (ObjectNode) mapper.readTree(Files.readAllBytes(directory.resolve(revision)));
        } catch (IOException e) {
            throw new UncheckedIOException("floor: cannot read " + directory.resolve(revision), e);
        }
    }

    /** The winner: the highest revision number, then the greatest name among revisions of that number. */
    private static String winner(Path directory) {
        String best = null;
        long bestNumber = -1;
        for (String name : revisionNames(directory)) {
            long number = number(name);
            if (number > bestNumber || (number == bestNumber && name.compareTo(best) > 0)) {
                best = name;
                bestNumber = number;
            }
        }
        if (best == null) {
            throw new IllegalStateException("floor: no revision in " + directory);
        }
        return best;
    }

    private static String[] revisionNames(Path directory) {
        String[] names = directory.toFile().list();
        if (names == null) {
            throw new UncheckedIOException(new NoSuchFileException(directory.toString()));
        }
        return names;
    }

    private String[] objectNames() {
        String[] names = store.toFile().list((parent, name) -> !name.startsWith("."));
        if (names == null) {
            throw new UncheckedIOException(new NoSuchFileException(store.toString()));
        }
        return names;
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The benchmark's ids need no encoding; anything else would need the format's and is refused. */
    private static String checkedName(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                throw new IllegalArgumentException("floor: id needs encoding, which the floor does not do: " + id);
            }
        }
        return id;
    }

    private static String randomHex() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] hex = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            hex[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            hex[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(hex);
    }

    /** The number before the dash of a revision name. */
    private static long number(String revision) {
        int dash = revision.indexOf('-');
        if (dash <= 0) {
            throw new IllegalStateException("floor: not a revision name: " + revision);
        }
        return Long.parseLong(revision, 0, dash, 10);
    }
}
