package io.github.multiprocessstore.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The zero-configuration defaults of the shipped {@code application.yml}, read without starting the app (which
 * would open the store in the real home directory).
 */
class DefaultConfigurationTests {

    private final StandardEnvironment environment = new StandardEnvironment();

    @BeforeEach
    void loadApplicationYml() throws IOException {
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
    }

    @Test
    void defaultStorePathIsInTheHomeDirectorySoItSurvivesRestarts() {
        assertThat(Path.of(environment.getRequiredProperty("multiprocess.store.path")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".multiprocess-store", "sample-app"));
    }

    @Test
    void defaultPortIs8080() {
        assertThat(environment.getRequiredProperty("server.port", Integer.class))
                .isEqualTo(8080);
    }

    @Test
    void actuatorEndpointsAreExposedWithHealthDetails() {
        assertThat(environment
                        .getRequiredProperty("management.endpoints.web.exposure.include")
                        .split(","))
                .containsExactlyInAnyOrder("health", "conflicts", "metrics", "info");
        assertThat(environment.getRequiredProperty("management.endpoint.health.show-details"))
                .isEqualTo("always");
    }
}
