/** What every command shares: exit codes, errors, opening a store with its checks, JSON output, durations. */
package io.github.multiprocessstore.cli.support;
