/** Choosing the provider and model of a chat: the registry, {@code /model}, its wizard, config.json writes. */
@NullMarked
package dev.ductor.orchestrator.models;

import org.jspecify.annotations.NullMarked;
