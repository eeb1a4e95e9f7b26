package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The command menu of an agent's bot, in the configured language; a gateway syncs it only if it changed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncCommands(String transport, String agent, List<BotCommand> commands) implements Contract {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BotCommand(String command, String description) {}
}
