package io.github.multiprocessstore.autoconfigure.scan;

/** Not annotated: no repository is registered for it. */
public record NotStored(String id) {}
