package io.github.multiprocessstore.examples.conflicts;

import io.github.multiprocessstore.maintenance.ConflictMonitor;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class FlagConflictedAccounts {
    FlagConflictedAccounts(ConflictMonitor conflicts, AccountService accounts) {
        conflicts.onScan(report -> report.collections()
                .getOrDefault("accounts", Map.of())
                .keySet()
                .forEach(accounts::flagAsNeedingAttention));
    }
}

interface AccountService {
    void flagAsNeedingAttention(String accountId);
}
