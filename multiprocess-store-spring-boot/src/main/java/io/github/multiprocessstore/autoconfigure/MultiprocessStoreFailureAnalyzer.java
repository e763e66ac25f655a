package io.github.multiprocessstore.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an unusable {@code multiprocess.store.path} in Spring Boot's "APPLICATION FAILED TO START" form.
 * Registered in {@code META-INF/spring.factories}.
 */
final class MultiprocessStoreFailureAnalyzer extends AbstractFailureAnalyzer<InvalidStorePathException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidStorePathException cause) {
        String description = "The store directory configured by '" + MultiprocessStoreProperties.PREFIX
                + ".path' cannot be used.\n\n    Path:   " + cause.path() + "\n    Reason: " + cause.problem();
        return new FailureAnalysis(description, cause.fix(), cause);
    }
}
