@NullMarked
package dev.ductor.gateway.api.crypto;

import org.jspecify.annotations.NullMarked;
