/** A scriptable stand-in for the claude, codex and gemini executables, replaying captured streams. */
@NullMarked
package dev.ductor.testkit.cli;

import org.jspecify.annotations.NullMarked;
