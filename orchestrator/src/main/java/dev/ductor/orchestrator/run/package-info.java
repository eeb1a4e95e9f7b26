/** Following a run through its events and finishing its turn; noticing lost runs. */
@NullMarked
package dev.ductor.orchestrator.run;

import org.jspecify.annotations.NullMarked;
