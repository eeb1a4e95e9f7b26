/**
 * Static proofs of the deployment files (compose, Dockerfile, alert rules, dashboards) against the
 * metrics catalogue; promtool runs the alert rule tests when it is installed.
 */
@NullMarked
package dev.ductor.systemtests.deploy;

import org.jspecify.annotations.NullMarked;
