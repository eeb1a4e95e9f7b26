/** Writing changed keys back into config.json. */
@NullMarked
package dev.ductor.orchestrator.config;

import org.jspecify.annotations.NullMarked;
