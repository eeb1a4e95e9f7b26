/** Health indicators every service gets: free space under {@code DUCTOR_HOME}. */
@NullMarked
package dev.ductor.health;

import org.jspecify.annotations.NullMarked;
