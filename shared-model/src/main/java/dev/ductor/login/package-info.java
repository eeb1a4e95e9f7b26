/**
 * Whether a coding-agent CLI is logged in (behaviour §4.8): one set of rules for the runner's reports and
 * workspace, and for the {@code ductor} command's look at this machine (§11.1).
 */
@NullMarked
package dev.ductor.login;

import org.jspecify.annotations.NullMarked;
