package dev.ductor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.model.CancelAll;
import dev.ductor.model.Contract;
import dev.ductor.model.ControlAgent;
import dev.ductor.model.RestartRequested;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

class RestartingOnRequestTest {

    private final ContractMessageConverter converter = new ContractMessageConverter(ContractJson.mapper());
    private final List<Integer> exits = new ArrayList<>();
    private final RestartingOnRequest restarting = new RestartingOnRequest(converter, exits::add, "gateway-telegram");

    @Test
    void exitsWith42OnARestartRequestAndIgnoresEverythingElse() {
        restarting.onMessage(converter.toMessage(new CancelAll("stop all"), new MessageProperties()));
        restarting.onMessage(new Message("not a contract".getBytes(), new MessageProperties()));
        assertThat(exits).isEmpty();

        restarting.onMessage(converter.toMessage(new RestartRequested("/restart from tg:1"), new MessageProperties()));
        assertThat(exits).containsExactly(42);
    }

    @Test
    void handsEveryOtherCommandToTheHandlersAndOneThatThrowsLosesOnlyItsOwn() {
        List<Contract> handled = new ArrayList<>();
        var listening = new RestartingOnRequest(
                converter,
                exits::add,
                "gateway-telegram",
                List.of(
                        command -> {
                            throw new IllegalStateException("broken handler");
                        },
                        handled::add));
        listening.onMessage(
                converter.toMessage(new ControlAgent("helper", ControlAgent.Action.STOP), new MessageProperties()));
        listening.onMessage(new Message("not a contract".getBytes(), new MessageProperties()));

        assertThat(handled).containsExactly(new ControlAgent("helper", ControlAgent.Action.STOP));
        assertThat(exits).isEmpty();
    }
}
