package io.github.multiprocessstore.info;

import io.github.multiprocessstore.StoreRoot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the store to {@code /actuator/info}, under {@code multiprocessStore}: its root directory, the collections
 * on disk (names only, read when the endpoint is called), and the version of the engine.
 */
public final class MultiprocessStoreInfoContributor implements InfoContributor {

    private final StoreRoot root;
    private final String version;

    /**
     * @param root    the store described
     * @param version the engine's version
     */
    public MultiprocessStoreInfoContributor(StoreRoot root, String version) {
        this.root = Objects.requireNonNull(root, "root must not be null");
        this.version = Objects.requireNonNull(version, "version must not be null");
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("root", root.path().toString());
        details.put("collections", root.collectionNames());
        details.put("version", version);
        builder.withDetail("multiprocessStore", details);
    }
}
