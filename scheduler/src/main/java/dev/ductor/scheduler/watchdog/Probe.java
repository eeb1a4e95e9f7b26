package dev.ductor.scheduler.watchdog;

import java.util.List;

/** One look at a part of the bot: what is wrong with it now, in words for the owner; empty when all is well. */
@FunctionalInterface
interface Probe {

    List<String> problems();
}
