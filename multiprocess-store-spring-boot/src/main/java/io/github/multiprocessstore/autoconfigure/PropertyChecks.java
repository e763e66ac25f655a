package io.github.multiprocessstore.autoconfigure;

import io.github.multiprocessstore.ObjectStoreBuilder;
import io.github.multiprocessstore.StorePermissions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The checks of {@code multiprocess.store.*} values, made once by the auto-configuration that uses a value, each
 * failing with a message that names the property (e.g. {@code 'multiprocess.store.compaction.interval' must be a
 * positive duration (e.g. 10s), was PT0S}).
 */
public final class PropertyChecks {

    private PropertyChecks() {}

    /**
     * The full name of a property of the store.
     *
     * @param name the name after {@code multiprocess.store.}, e.g. {@code compaction.interval}
     * @return e.g. {@code multiprocess.store.compaction.interval}
     */
    public static String property(String name) {
        return MultiprocessStoreProperties.PREFIX + "." + name;
    }

    /**
     * A duration above zero.
     *
     * @param value the bound value
     * @param name  the property's name after {@code multiprocess.store.}
     * @return the value
     * @throws IllegalArgumentException naming the property otherwise
     */
    public static Duration positive(@Nullable Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "'" + property(name) + "' must be a positive duration (e.g. 10s), was " + value);
        }
        return value;
    }

    /**
     * A duration of zero or more.
     *
     * @param value the bound value
     * @param name  the property's name after {@code multiprocess.store.}
     * @return the value
     * @throws IllegalArgumentException naming the property otherwise
     */
    public static Duration notNegative(@Nullable Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(
                    "'" + property(name) + "' must be a duration of zero or more (e.g. 30d), was " + value);
        }
        return value;
    }

    /**
     * A number at least as large as a minimum.
     *
     * @param value   the bound value
     * @param minimum the smallest accepted value
     * @param name    the property's name after {@code multiprocess.store.}
     * @param why     why smaller values cannot work, for the message
     * @return the value
     * @throws IllegalArgumentException naming the property otherwise
     */
    public static int atLeast(int value, int minimum, String name, String why) {
        if (value < minimum) {
            throw new IllegalArgumentException(
                    "'" + property(name) + "' must be at least " + minimum + " (" + why + "), was " + value);
        }
        return value;
    }

    /**
     * The store's maximum object size, between 1 byte and 1 GB.
     *
     * @param properties the bound properties
     * @return the size in bytes
     * @throws IllegalArgumentException naming {@code multiprocess.store.max-object-size} otherwise
     */
    public static long maxObjectSize(MultiprocessStoreProperties properties) {
        DataSize size = properties.getMaxObjectSize();
        if (size == null || size.toBytes() < 1 || size.toBytes() > ObjectStoreBuilder.MAX_MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException(
                    "'" + property("max-object-size") + "' must be between 1B and 1GB (e.g. 16MB), was " + size);
        }
        return size.toBytes();
    }

    /**
     * The store's permissions from {@code multiprocess.store.permissions.files} and {@code .directories}.
     *
     * @param properties the bound properties
     * @return the permissions ({@link StorePermissions#umask()} when neither is set)
     * @throws IllegalArgumentException naming the property whose value is not a POSIX permission string
     */
    public static StorePermissions permissions(MultiprocessStoreProperties properties) {
        MultiprocessStoreProperties.Permissions permissions = properties.getPermissions();
        try {
            StorePermissions.of(permissions.getFiles(), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + property("permissions.files") + "' is invalid: " + e.getMessage());
        }
        try {
            return StorePermissions.of(permissions.getFiles(), permissions.getDirectories());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + property("permissions.directories") + "' is invalid: " + e.getMessage());
        }
    }

    /**
     * A value that is set.
     *
     * @param value the bound value
     * @param name  the property's name after {@code multiprocess.store.}
     * @param <T>   the type
     * @return the value
     * @throws IllegalArgumentException naming the property otherwise
     */
    public static <T> T present(@Nullable T value, String name) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("'" + property(name) + "' must not be empty");
        }
        return value;
    }
}
