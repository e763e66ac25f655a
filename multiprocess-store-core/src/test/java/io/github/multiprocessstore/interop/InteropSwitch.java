package io.github.multiprocessstore.interop;

import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets a build without Node.js skip the interop tests, visibly, on request only: with
 * {@code -DskipInteropTests} (or {@code -DskipInteropTests=true}) every interop test is reported as skipped with
 * the reason below; without it they run, and fail when Node.js or npm is missing, because compatibility with the
 * original package is a promise of this library. A JUnit Jupiter condition for the example-based tests and a jqwik
 * hook for the properties.
 */
public final class InteropSwitch implements ExecutionCondition, SkipExecutionHook {

    /** The system property (a Maven user property, passed on to the test JVM) that skips the interop tests. */
    static final String PROPERTY = "skipInteropTests";

    static final String REASON = "interop tests with the npm package skipped on request (-D" + PROPERTY
            + "): compatibility with Node.js is NOT checked by this build";

    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private static boolean skipRequested() {
        String value = System.getProperty(PROPERTY);
        boolean skip = value != null && (value.isEmpty() || Boolean.parseBoolean(value));
        // Surefire's summary counts skips without their reason: say it once in the build output too.
        if (skip && ANNOUNCED.compareAndSet(false, true)) {
            System.err.println("WARNING: " + REASON);
        }
        return skip;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return skipRequested()
                ? ConditionEvaluationResult.disabled(REASON)
                : ConditionEvaluationResult.enabled("-D" + PROPERTY + " not set");
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return skipRequested() ? SkipResult.skip(REASON) : SkipResult.doNotSkip();
    }
}
