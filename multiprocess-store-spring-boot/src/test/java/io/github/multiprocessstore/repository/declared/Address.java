package io.github.multiprocessstore.repository.declared;

/** A nested value, queried with {@code findByAddressCity}. */
public record Address(String city, String zip) {}
