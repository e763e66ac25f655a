package io.github.multiprocessstore.repository.declared;

import io.github.multiprocessstore.repository.ObjectRepository;
import java.util.List;

public interface LedgerRepository extends ObjectRepository<Ledger> {

    List<Ledger> findByBalanceGreaterThan(long balance);
}
