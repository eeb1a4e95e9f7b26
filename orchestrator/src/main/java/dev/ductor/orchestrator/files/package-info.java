/** {@code /showfiles}: browsing the folders {@code file_access} allows, and asking the agent for a file. */
@NullMarked
package dev.ductor.orchestrator.files;

import org.jspecify.annotations.NullMarked;
