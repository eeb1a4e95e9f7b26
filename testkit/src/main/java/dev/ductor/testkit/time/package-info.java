/** Clocks for tests: time that moves only when the test moves it. */
@NullMarked
package dev.ductor.testkit.time;

import org.jspecify.annotations.NullMarked;
