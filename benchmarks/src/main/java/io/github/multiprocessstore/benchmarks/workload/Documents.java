package io.github.multiprocessstore.benchmarks.workload;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark's documents: a customer record of about 300 bytes of compact JSON, with a numeric {@code counter}
 * that the update workloads increment. Every field has a fixed width, so every document has the same size; the
 * Node.js driver builds the very same JSON.
 */
public final class Documents {

    /** The field that read-modify-write workloads increment. */
    public static final String COUNTER = "counter";

    /** Size of a new document as compact JSON (counter 0), in bytes. */
    public static final int SIZE_BYTES = 300;

    private static final String[] TIERS = {"silver", "golden", "bronze", "copper"};
    private static final String NOTES = "Prefers e-mail; ships to the main office";

    private Documents() {}

    /**
     * The id of the document with this index: {@code obj-} and seven digits.
     *
     * @param index 0 to 9,999,999
     * @return its id
     */
    public static String id(int index) {
        return "obj-" + sevenDigits(index);
    }

    /**
     * Builds the document with this index (no {@code _rev}).
     *
     * @param mapper creates the node
     * @param index  0 to 9,999,999
     * @return a new, mutable document
     */
    public static ObjectNode document(JsonMapper mapper, int index) {
        String digits = sevenDigits(index);
        ObjectNode document = mapper.createObjectNode();
        document.put("_id", "obj-" + digits);
        document.put("name", "Customer " + digits);
        document.put("email", "customer" + digits + "@example.com");
        document.put(COUNTER, 0);
        document.put("tier", TIERS[index & 3]);
        document.put("score", 10 + index % 90);
        document.putArray("tags").add("alpha").add("beta").add("gamma");
        ObjectNode address = document.putObject("address");
        address.put("street", digits + " Long Street");
        address.put("city", "Springfield");
        address.put("zip", "12345");
        address.put("country", "NL");
        document.put("notes", NOTES);
        return document;
    }

    private static String sevenDigits(int index) {
        if (index < 0 || index > 9_999_999) {
            throw new IllegalArgumentException("document index out of range: " + index);
        }
        String digits = Integer.toString(index);
        return "0000000".substring(digits.length()) + digits;
    }
}
