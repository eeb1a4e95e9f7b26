package dev.ductor.gateway.matrix.client;

import dev.ductor.testkit.matrix.FakeHomeserver;
import org.junit.jupiter.api.AfterEach;

/** {@link HomeserverContract} against testkit's {@link FakeHomeserver}: always runs. */
class FakeHomeserverContractIT extends HomeserverContract {

    private final FakeHomeserver hs = FakeHomeserver.start();
    private final String bot = hs.registerUser("ductor", "bot-password");
    private final String alice = hs.registerUser("alice", "alice-password");

    @AfterEach
    void close() {
        hs.close();
    }

    @Override
    String homeserver() {
        return hs.baseUrl();
    }

    @Override
    String botUser() {
        return "ductor";
    }

    @Override
    String botPassword() {
        return "bot-password";
    }

    @Override
    Person person() {
        return new Person() {
            @Override
            public String createRoomInviting(String botId) {
                String room = hs.createRoom(alice, "Contract", false);
                hs.setPowerLevel(room, bot, 50);
                hs.invite(room, alice, botId);
                return room;
            }

            @Override
            public String says(String roomId, String body) {
                return hs.userSends(roomId, alice, body);
            }
        };
    }
}
