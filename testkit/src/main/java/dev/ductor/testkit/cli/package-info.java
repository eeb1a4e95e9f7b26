/**
 * A scriptable stand-in for the claude, codex and gemini executables, replaying captured streams; a
 * response can wait until the test releases it.
 */
@NullMarked
package dev.ductor.testkit.cli;

import org.jspecify.annotations.NullMarked;
