package io.github.multiprocessstore.repository.declared;

import io.github.multiprocessstore.repository.config.EnableMultiprocessStoreAuditing;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.AuditorAware;

/** An application with declared repositories, auditing and a listener of domain events. */
@SpringBootApplication
@EnableMultiprocessStoreAuditing
public class DeclaredRepositoryApplication {

    /** Who the auditor is; tests change it. */
    static final AtomicReference<String> AUDITOR = new AtomicReference<>("alice");

    @Bean
    AuditorAware<String> auditor() {
        return () -> Optional.ofNullable(AUDITOR.get());
    }

    @Bean
    CreditLog creditLog() {
        return new CreditLog();
    }

    /** Collects the published {@link Ledger.Credited} events. */
    public static class CreditLog {

        final List<Ledger.Credited> credits = new CopyOnWriteArrayList<>();

        @EventListener
        void on(Ledger.Credited credited) {
            credits.add(credited);
        }
    }
}
