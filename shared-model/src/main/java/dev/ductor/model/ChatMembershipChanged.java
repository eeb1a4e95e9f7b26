package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The bot was added to or removed from a group or channel; {@code status} is the transport's word. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMembershipChanged(ChatRef chat, String chatType, String title, String status, long byUserId)
        implements Contract {}
