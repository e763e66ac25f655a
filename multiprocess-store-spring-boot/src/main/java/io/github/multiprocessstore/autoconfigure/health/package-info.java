/** Auto-configuration of the store's health indicator. */
@NullMarked
package io.github.multiprocessstore.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
