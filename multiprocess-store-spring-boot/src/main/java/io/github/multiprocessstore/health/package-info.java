/** The store's health indicator. */
@NullMarked
package io.github.multiprocessstore.health;

import org.jspecify.annotations.NullMarked;
