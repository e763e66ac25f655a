/**
 * The review pages: conflicted profiles for a signed-in person to settle, by keeping one revision or saving a
 * merged version; server-rendered, behind Spring Security, which guards these pages only.
 */
package io.github.multiprocessstore.sample.review;
