package dev.ductor.model;

/**
 * The kind of chat a message comes from. On the bus it travels as Telegram's word for it
 * ({@code private}, {@code group}, {@code supergroup}, {@code channel}; a Matrix DM is {@code private},
 * any other room {@code group}); code decides on this enum, and a word it does not know is
 * {@link #UNKNOWN}, which no allowlist lets through.
 */
public enum ChatType {
    PRIVATE("private"),
    GROUP("group"),
    SUPERGROUP("supergroup"),
    CHANNEL("channel"),
    UNKNOWN("");

    private final String code;

    ChatType(String code) {
        this.code = code;
    }

    /** The word on the bus. */
    public String code() {
        return code;
    }

    /** A group or supergroup: where the group rules (addressing, {@code allowed_group_ids}) apply. */
    public boolean group() {
        return this == GROUP || this == SUPERGROUP;
    }

    /** The type of Telegram's exact word; anything else is {@link #UNKNOWN}. */
    public static ChatType of(String code) {
        for (ChatType type : values()) {
            if (type != UNKNOWN && type.code.equals(code)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
