package dev.ductor.model;

/**
 * The messenger a chat lives on. On the bus it travels as its short code ({@code ChatRef.transport}:
 * {@code tg}, {@code mx}, {@code api}), so producers and consumers of other versions keep reading each
 * other; code decides on this enum, and a code it does not know is {@link #UNKNOWN} (refused where it
 * matters, never mistaken for Telegram).
 */
public enum Transport {
    TELEGRAM("tg"),
    MATRIX("mx"),
    API("api"),
    UNKNOWN("");

    private final String code;

    Transport(String code) {
        this.code = code;
    }

    /** The code on the bus and in storage keys ({@code tg:<chat>}). */
    public String code() {
        return code;
    }

    /** The transport of an exact bus code; {@code TG} or {@code " tg"} is no code of ours. */
    public static Transport of(String code) {
        for (Transport transport : values()) {
            if (transport != UNKNOWN && transport.code.equals(code)) {
                return transport;
            }
        }
        return UNKNOWN;
    }
}
