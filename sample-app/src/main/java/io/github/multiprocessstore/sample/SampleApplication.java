package io.github.multiprocessstore.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The profile manager: a small REST API over an {@code ObjectRepository<Profile>} that several instances can
 * serve at once from one store directory. Run it with {@code ./mvnw -pl sample-app -am spring-boot:run} or
 * {@code java -jar sample-app/target/sample-app-<version>.jar}; {@code --server.port} and
 * {@code --multiprocess.store.path} choose the port and the store.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot command-line arguments, e.g. {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
