package dev.ductor.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.WebhookFired;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed requests on loopback (random methods, paths, headers, content types and lengths,
 * invalid UTF-8, deep and huge JSON, huge numbers, wrong and truncated signatures, stalled bodies) with a
 * valid request every so often: never a 5xx, the right status where one is defined, the server answering
 * throughout, bounded memory, and exactly one WebhookFired per valid request.
 */
class WebhookFuzzTest {

    private static final int REQUESTS = 3000;
    private static final String HOOKS = """
            {"hooks": [
              {"id": "x", "title": "X", "mode": "wake", "prompt_template": "{{msg}}"},
              {"id": "gh", "title": "GH", "mode": "wake", "prompt_template": "{{a}}", "auth_mode": "hmac",
               "hmac_secret": "s3cret", "hmac_header": "X-Hub-Signature-256"},
              {"id": "off", "title": "Off", "mode": "wake", "prompt_template": "p", "enabled": false}
            ]}""";

    @TempDir
    Path home;

    private WebhookHarness harness;
    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** A raw exchange: the status answered, or -1 when the server closed without answering. */
    private int exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", harness.server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before it read everything (413, 415)
            }
            return status(socket.getInputStream());
        }
    }

    private static int status(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n' && line.size() < 200) {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not answer within 10 s", e);
        } catch (IOException e) {
            return -1; // reset by the server
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(text.substring(9, 12));
    }

    private static byte[] request(String method, String path, List<String> headers, byte[] body) {
        var out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Case(String kind, byte[] request, IntPredicate expected) {}

    private Case next(Random random) {
        String json = "Content-Type: application/json";
        String auth = "Authorization: Bearer global-token";
        byte[] ok = utf8("{\"msg\":\"hello\"}");
        switch (random.nextInt(14)) {
            case 0 -> {
                String[] methods = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO", "TRACE"};
                String method = methods[random.nextInt(methods.length)];
                return new Case(
                        "method " + method,
                        request(method, "/hooks/x", List.of(json, "Content-Length: 2"), utf8("{}")),
                        s -> s == 405);
            }
            case 1 -> {
                String[] paths = {
                    "/",
                    "/hooks",
                    "/hooks/",
                    "/hooks/a/b",
                    "/hooks/..%2Fx",
                    "/hooks/%00",
                    "/x?y=1",
                    "/hooks/" + "a".repeat(300),
                    "/%ff%fe"
                };
                String path = paths[random.nextInt(paths.length)];
                return new Case(
                        "path " + path,
                        request("POST", path, List.of(json, auth, "Content-Length: 2"), utf8("{}")),
                        s -> s == 404);
            }
            case 2 -> {
                String[] types = {
                    "text/plain",
                    "application/xml",
                    "application/jsonx",
                    "json",
                    "",
                    "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded"
                };
                String type = types[random.nextInt(types.length)];
                return new Case(
                        "content type " + type,
                        request(
                                "POST",
                                "/hooks/x",
                                List.of("Content-Type: " + type, auth, "Content-Length: " + ok.length),
                                ok),
                        s -> s == 415);
            }
            case 3 -> {
                byte[] body = new byte[1 + random.nextInt(200)];
                random.nextBytes(body);
                body[0] = (byte) 0xC3; // never valid UTF-8 JSON text: a lone lead byte first
                body[Math.min(1, body.length - 1)] = (byte) 0x28;
                return new Case(
                        "invalid utf-8",
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: " + body.length), body),
                        s -> s == 400);
            }
            case 4 -> {
                int depth = 600 + random.nextInt(1200);
                byte[] body = utf8("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
                return new Case(
                        "deep json " + depth,
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: " + body.length), body),
                        s -> s == 400 || s == 413);
            }
            case 5 -> {
                byte[] body = utf8("{\"a\":\"" + "x".repeat(5000 + random.nextInt(100_000)) + "\"}");
                return new Case(
                        "huge json",
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: " + body.length), body),
                        s -> s == 413 || s == -1);
            }
            case 6 -> {
                String number = random.nextBoolean() ? "9".repeat(1500 + random.nextInt(2000)) : "1e" + "9".repeat(20);
                byte[] body = utf8("{\"n\":" + number + "}");
                // a number Jackson refuses is invalid JSON; one it takes reaches auth without a token (401)
                return new Case(
                        "huge number",
                        request("POST", "/hooks/x", List.of(json, "Content-Length: " + body.length), body),
                        s -> s == 400 || s == 401);
            }
            case 7 -> {
                String body = "{\"a\":\"" + random.nextInt() + "\"}";
                String sig =
                        "sha256=" + java.util.HexFormat.of().formatHex(HookAuth.sign("sha256", "s3cret", utf8(body)));
                String wrong = switch (random.nextInt(4)) {
                    case 0 -> sig.substring(0, 7 + random.nextInt(sig.length() - 7));
                    case 1 ->
                        sig.replace('a', 'b').replace('1', '2') + (sig.contains("a") || sig.contains("1") ? "" : "0");
                    case 2 -> "sha1=" + sig.substring(7);
                    default -> "";
                };
                byte[] bytes = utf8(body);
                return new Case(
                        "bad signature",
                        request(
                                "POST",
                                "/hooks/gh",
                                List.of(json, "X-Hub-Signature-256: " + wrong, "Content-Length: " + bytes.length),
                                bytes),
                        s -> s == 401);
            }
            case 8 -> {
                byte[] body = utf8("[1,2,3]");
                return new Case(
                        "array",
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: " + body.length), body),
                        s -> s == 400);
            }
            case 9 -> {
                return new Case(
                        "declared too long",
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: 99999999999"), ok),
                        s -> s == 413 || s == -1);
            }
            case 10 -> {
                // the body ends before its declared length: the server sees a short body or a broken one
                return new Case(
                        "truncated body",
                        request("POST", "/hooks/x", List.of(json, auth, "Content-Length: 200"), ok),
                        s -> s == 400 || s == -1);
            }
            case 11 -> {
                List<String> headers = new ArrayList<>(List.of(json, auth, "Content-Length: " + ok.length));
                for (int i = 0; i < 50 + random.nextInt(200); i++) {
                    headers.add("X-Junk-" + i + ": " + "v".repeat(random.nextInt(400)));
                }
                return new Case(
                        "many headers",
                        request("POST", "/hooks/off", headers, ok),
                        s -> s == 403 || s == 400 || s == 413 || s == 431 || s == -1);
            }
            case 12 -> {
                byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                return new Case("garbage", garbage, s -> s == -1 || (s >= 400 && s < 500));
            }
            default -> {
                String chunked = "f\r\n{\"msg\":\"hello\"}\r\n0\r\n\r\n";
                return new Case(
                        "chunked unknown hook",
                        request(
                                "POST",
                                "/hooks/nope",
                                List.of(json, auth, "Transfer-Encoding: chunked"),
                                utf8(chunked)),
                        s -> s == 404);
            }
        }
    }

    @Test
    @Timeout(300)
    void malformedRequestsNeverBreakTheServerAndEveryValidOneFiresOnce() throws Exception {
        harness = new WebhookHarness(home, 1_000_000, HOOKS);
        // senders that stall mid-body for the whole run hold their own thread only
        for (int i = 0; i < 20; i++) {
            Socket socket = new Socket("127.0.0.1", harness.server.address().getPort());
            socket.getOutputStream()
                    .write(request(
                            "POST",
                            "/hooks/x",
                            List.of("Content-Type: application/json", "Content-Length: 1000"),
                            utf8("{\"msg\":")));
            socket.getOutputStream().flush();
            stalled.add(socket);
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        Random random = new Random(20261206);
        int valid = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (i % 25 == 0) {
                byte[] body = utf8("{\"msg\":\"valid " + i + "\"}");
                int status = exchange(request(
                        "POST",
                        "/hooks/x",
                        List.of(
                                "Content-Type: application/json; charset=utf-8",
                                "Authorization: Bearer global-token",
                                "Content-Length: " + body.length),
                        body));
                assertThat(status).as("valid request %d", i).isEqualTo(202);
                valid++;
                continue;
            }
            Case c = next(random);
            int status = exchange(c.request());
            if (status >= 500 || !c.expected().test(status)) {
                failures.add(c.kind() + " -> " + status);
            }
        }
        assertThat(failures).isEmpty();
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertThat(after - before).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);

        List<WebhookFired> fired =
                harness.sent.stream().map(WebhookFired.class::cast).toList();
        assertThat(fired).hasSize(valid);
        Set<String> prompts = new HashSet<>();
        fired.forEach(f -> prompts.add(f.renderedPrompt()));
        assertThat(prompts).hasSize(valid);
        assertThat(new HashSet<>(harness.ids)).hasSize(valid);
        assertThat(harness.registry.find("ductor_webhook_requests_total").counters().stream()
                        .filter(c -> c.getId().getTag("status").startsWith("5"))
                        .mapToDouble(io.micrometer.core.instrument.Counter::count)
                        .sum())
                .isZero();
    }
}
