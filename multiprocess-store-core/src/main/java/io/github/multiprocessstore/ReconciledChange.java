package io.github.multiprocessstore;

import io.github.multiprocessstore.changes.ChangeKind;

/** A change that the shared reconciliation found in the store's directories (no journal record named it). */
record ReconciledChange(String name, String id, String revision, ChangeKind kind) {}
