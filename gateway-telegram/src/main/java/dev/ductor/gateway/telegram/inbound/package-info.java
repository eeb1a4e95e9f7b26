/** getUpdates polling and the translation of updates into bus contracts. */
@NullMarked
package dev.ductor.gateway.telegram.inbound;

import org.jspecify.annotations.NullMarked;
