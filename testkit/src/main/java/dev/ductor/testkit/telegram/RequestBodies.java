package dev.ductor.testkit.telegram;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Bot API parameters the three ways Telegram accepts them: query string, JSON body,
 * {@code application/x-www-form-urlencoded} and {@code multipart/form-data}. Form values that hold JSON
 * (reply_markup, reply_parameters, commands) are parsed into JSON; uploaded files become
 * {@code {"filename":..,"size":..,"sha256":..}} (the SHA-256 of the bytes, lower-case hex), so a test can compare
 * what arrived with what was sent.
 */
final class RequestBodies {

    private final JsonMapper mapper;

    RequestBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode parse(@Nullable String query, @Nullable String contentType, byte[] body) {
        ObjectNode params = mapper.createObjectNode();
        if (query != null) {
            formInto(params, query);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return params;
        }
        if (type.startsWith("application/json")) {
            JsonNode json = mapper.readTree(body);
            if (json instanceof ObjectNode object) {
                params.setAll(object);
            }
        } else if (type.startsWith("multipart/form-data")) {
            multipartInto(params, contentType, body);
        } else {
            formInto(params, new String(body, StandardCharsets.UTF_8));
        }
        return params;
    }

    private void formInto(ObjectNode params, String form) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            put(params, key, value);
        }
    }

    private void put(ObjectNode params, String key, String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                params.set(key, mapper.readTree(trimmed));
                return;
            } catch (RuntimeException notJson) {
                // a plain text that happens to start with a brace
            }
        }
        params.put(key, value);
    }

    private void multipartInto(ObjectNode params, String contentType, byte[] body) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        if (at < 0) {
            return;
        }
        String boundary = contentType
                .substring(at + "boundary=".length())
                .replace("\"", "")
                .split(";")[0];
        // ISO-8859-1 maps bytes 1:1, so sizes of binary parts stay exact
        String all = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : all.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = attribute(headers, "name");
            if (name == null) {
                continue;
            }
            String filename = attribute(headers, "filename");
            if (filename != null) {
                ObjectNode file = params.putObject(name);
                file.put("filename", filename);
                byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
                file.put("size", bytes.length);
                file.put("sha256", FakeTelegram.sha256(bytes));
            } else {
                put(params, name, new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
    }

    private static @Nullable String attribute(String headers, String name) {
        var matcher = java.util.regex.Pattern.compile("(?i);\\s*" + name + "=\"([^\"]*)\"")
                .matcher(headers);
        return matcher.find() ? matcher.group(1) : null;
    }
}
