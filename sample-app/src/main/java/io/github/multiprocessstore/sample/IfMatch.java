package io.github.multiprocessstore.sample;

/**
 * Reads the revision out of an {@code If-Match} header. The API's entity tags are the profile's {@code _rev} in
 * double quotes, so the header must hold exactly one such strong tag; lists, weak tags ({@code W/"…"}) and
 * {@code *} are refused with a 400 rather than half-supported.
 */
final class IfMatch {

    private IfMatch() {}

    /**
     * The revision named by an {@code If-Match} header.
     *
     * @param header the header's value
     * @return the revision inside the quotes
     * @throws BadProfileRequestException if the header is not one quoted, non-empty revision
     */
    static String revision(String header) {
        String value = header.strip();
        boolean oneQuotedTag = value.length() > 2
                && value.startsWith("\"")
                && value.endsWith("\"")
                && value.indexOf('"', 1) == value.length() - 1;
        if (!oneQuotedTag) {
            throw new BadProfileRequestException(
                    "Invalid If-Match header",
                    "If-Match must be one entity tag: the profile's _rev in double quotes, as in the ETag "
                            + "header (e.g. If-Match: \"1-0123456789abcdef0123456789abcdef\"), not: " + header);
        }
        return value.substring(1, value.length() - 1);
    }
}
