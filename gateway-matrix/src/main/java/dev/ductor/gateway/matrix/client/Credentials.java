package dev.ductor.gateway.matrix.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The bot's login as ductor's {@code <store_path>/credentials.json} keeps it. */
public record Credentials(
        @JsonProperty("user_id") String userId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("homeserver") String homeserver) {

    @Override
    public String toString() {
        return "Credentials[userId=" + userId + ", deviceId=" + deviceId + ", accessToken=***, homeserver=" + homeserver
                + "]";
    }
}
