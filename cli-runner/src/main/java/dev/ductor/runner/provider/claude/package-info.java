@NullMarked
package dev.ductor.runner.provider.claude;

import org.jspecify.annotations.NullMarked;
