package dev.ductor.orchestrator.i18n;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import java.util.List;

/** Builds a {@link CommandMenu} for tests of other packages. */
public final class CommandMenuFactory {

    private CommandMenuFactory() {}

    public static CommandMenu menu(I18n i18n, ConfigStore config, Bus bus) {
        return new CommandMenu(i18n, config, bus, List.of("tg.main"));
    }
}
