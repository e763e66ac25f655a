package io.github.multiprocessstore.benchmarks.jmh;

import io.github.multiprocessstore.benchmarks.workload.Documents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON work of one operation on the benchmark's ~300-byte document: parsing a revision file into a tree (every
 * read), writing a tree to bytes (every write), and the deep copy the engine makes of a document when it sets
 * {@code _id} and {@code _rev} (every read and write).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonMappingBenchmark {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private ObjectNode document;
    private byte[] bytes;

    /** Builds the document and its bytes once. */
    @Setup
    public void setUp() {
        document = Documents.document(mapper, 1234);
        document.put("_rev", "3-0123456789abcdef0123456789abcdef");
        bytes = mapper.writeValueAsBytes(document);
    }

    /** @return the document parsed from its file's bytes */
    @Benchmark
    public JsonNode parse() {
        return mapper.readTree(bytes);
    }

    /** @return the document serialized to bytes */
    @Benchmark
    public byte[] serialize() {
        return mapper.writeValueAsBytes(document);
    }

    /** @return a deep copy of the document */
    @Benchmark
    public ObjectNode deepCopy() {
        return document.deepCopy();
    }
}
