package io.github.multiprocessstore.sample;

/**
 * The API's own check of a profile id, made before the store sees it. An id is one URL path segment and one
 * directory name, so anything that reads as a path ({@code .}, {@code ..}, a {@code /} or {@code \} once
 * decoded) or holds control characters is refused with a 400 here; the store then applies its own rules
 * (length, encoding) and refuses the rest with its invalid-id error, also a 400.
 */
final class ProfileIds {

    private static final String TITLE = "Invalid profile id";

    private ProfileIds() {}

    /**
     * Checks an id from a path or a body.
     *
     * @param id the id, possibly {@code null} (a body without {@code _id})
     * @return the id
     * @throws BadProfileRequestException naming what is wrong with it
     */
    static String requireValid(String id) {
        if (id == null) {
            throw new BadProfileRequestException(TITLE, "The profile needs an '_id'");
        }
        if (id.isEmpty()) {
            throw new BadProfileRequestException(TITLE, "The id must not be empty");
        }
        if (id.equals(".") || id.equals("..")) {
            throw new BadProfileRequestException(TITLE, "The id '" + id + "' is a path segment, not an id");
        }
        if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) {
            throw new BadProfileRequestException(TITLE, "The id '" + id + "' must not contain '/' or '\\'");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new BadProfileRequestException(TITLE, "The id must not contain control characters");
        }
        return id;
    }
}
