package io.github.multiprocessstore.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configuration metadata that IDEs read: every property with its type, description and default. */
class ConfigurationMetadataTests {

    @Test
    void everyStorePropertyIsDescribedWithItsTypeAndDefault() throws Exception {
        Map<String, JsonNode> properties = propertiesOf("META-INF/spring-configuration-metadata.json");

        assertThat(properties)
                .containsKeys(
                        "multiprocess.store.path",
                        "multiprocess.store.durable",
                        "multiprocess.store.conflict-scan-interval",
                        "multiprocess.store.temp-file-grace-period",
                        "multiprocess.store.health.min-free-space");
        assertProperty(properties, "multiprocess.store.path", "java.nio.file.Path", "data");
        assertProperty(properties, "multiprocess.store.durable", "java.lang.Boolean", "true");
        assertProperty(properties, "multiprocess.store.conflict-scan-interval", "java.time.Duration", "10s");
        assertProperty(properties, "multiprocess.store.temp-file-grace-period", "java.time.Duration", "1h");
        assertProperty(properties, "multiprocess.store.history-limit", "java.lang.Integer", "0");
        assertProperty(properties, "multiprocess.store.keep-listings", "java.lang.Boolean", "true");
        assertProperty(
                properties, "multiprocess.store.max-object-size", "org.springframework.util.unit.DataSize", "16MB");
        assertThat(properties)
                .containsKeys("multiprocess.store.permissions.files", "multiprocess.store.permissions.directories");
        assertProperty(
                properties,
                "multiprocess.store.health.min-free-space",
                "org.springframework.util.unit.DataSize",
                "10MB");
        assertThat(properties.get("multiprocess.store.path").get("description").asString())
                .contains("'~'");
    }

    @Test
    void everyReplicationPropertyIsDescribedWithItsTypeAndDefault() throws Exception {
        Map<String, JsonNode> properties = propertiesOf("META-INF/spring-configuration-metadata.json");

        JsonNode peers = properties.get("multiprocess.store.replication.peers");
        assertThat(peers).as("peers").isNotNull();
        assertThat(peers.get("type").asString()).isEqualTo("java.util.List<java.nio.file.Path>");
        assertThat(peers.get("description").asString())
                .contains("'~'")
                .contains("off")
                .endsWith(".");
        assertProperty(
                properties,
                "multiprocess.store.replication.direction",
                "io.github.multiprocessstore.replication.ReplicationDirection",
                "both");
        assertProperty(properties, "multiprocess.store.replication.interval", "java.time.Duration", "30s");
        assertProperty(properties, "multiprocess.store.replication.initial-delay", "java.time.Duration", "0s");
    }

    @Test
    void everyCompactionPropertyIsDescribedWithItsTypeAndDefault() throws Exception {
        Map<String, JsonNode> properties = propertiesOf("META-INF/spring-configuration-metadata.json");

        assertProperty(properties, "multiprocess.store.compaction.enabled", "java.lang.Boolean", "false");
        assertProperty(properties, "multiprocess.store.compaction.interval", "java.time.Duration", "1h");
        assertProperty(properties, "multiprocess.store.compaction.initial-delay", "java.time.Duration", "0s");
        assertProperty(properties, "multiprocess.store.compaction.keep-revisions", "java.lang.Integer", "1");
        assertProperty(
                properties, "multiprocess.store.compaction.deleted-object-retention", "java.time.Duration", "30d");
        assertProperty(
                properties, "multiprocess.store.compaction.trash-content-retention", "java.time.Duration", "30d");
    }

    @Test
    void theHealthIndicatorSwitchAndTheEndpointAccessAreDescribed() throws Exception {
        Map<String, JsonNode> properties = propertiesOf("META-INF/spring-configuration-metadata.json");

        assertProperty(properties, "management.health.multiprocessstore.enabled", "java.lang.Boolean", "true");
        assertThat(properties)
                .containsKey("management.endpoint.conflicts.access")
                .containsKey("management.endpoint.replication.access");
    }

    private static void assertProperty(Map<String, JsonNode> properties, String name, String type, String value) {
        JsonNode property = properties.get(name);
        assertThat(property).as(name).isNotNull();
        assertThat(property.get("type").asString()).as(name + " type").isEqualTo(type);
        assertThat(property.get("description").asString())
                .as(name + " description")
                .isNotBlank()
                .endsWith(".");
        assertThat(property.get("defaultValue").asString())
                .as(name + " default")
                .isEqualTo(value);
    }

    private static Map<String, JsonNode> propertiesOf(String resource) throws IOException, URISyntaxException {
        // The starter's own file: the class path holds Spring Boot's metadata files under the same name.
        URI classes = MultiprocessStoreProperties.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI();
        try (InputStream in = classes.resolve(resource).toURL().openStream()) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            JsonMapper.builder()
                    .build()
                    .readTree(in)
                    .get("properties")
                    .forEach(property -> properties.put(property.get("name").asString(), property));
            return properties;
        }
    }
}
