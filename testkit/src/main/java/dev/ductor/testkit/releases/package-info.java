/** A fake of the release source {@code /upgrade} asks for the newest version (GitHub's latest-release API). */
@NullMarked
package dev.ductor.testkit.releases;

import org.jspecify.annotations.NullMarked;
