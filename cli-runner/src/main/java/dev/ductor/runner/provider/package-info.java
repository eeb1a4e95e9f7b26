@NullMarked
package dev.ductor.runner.provider;

import org.jspecify.annotations.NullMarked;
