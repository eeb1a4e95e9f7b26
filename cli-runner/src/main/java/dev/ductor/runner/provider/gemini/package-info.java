@NullMarked
package dev.ductor.runner.provider.gemini;

import org.jspecify.annotations.NullMarked;
