import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The least of a Telegram Bot API that lets gateway-telegram start and idle, for bin/footprint: on loopback, it
 * answers getMe with a bot, holds getUpdates for its timeout and answers it with no update, and answers any
 * other method with {@code true}. Run with the JDK's source launcher: {@code java FakeBotApi.java PORT}.
 */
public final class FakeBotApi {

    private static final Pattern TIMEOUT = Pattern.compile("\"?timeout\"?\\s*[=:]\\s*(\\d+)");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String method = path.substring(path.lastIndexOf('/') + 1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            String result = "true";
            if (method.equals("getMe")) {
                result = "{\"id\":123456,\"is_bot\":true,\"first_name\":\"ductor\",\"username\":\"ductor_footprint_bot\"}";
            } else if (method.equals("getUpdates")) {
                var timeout = TIMEOUT.matcher(URLDecoder.decode(body + "&" + query, StandardCharsets.UTF_8));
                try {
                    Thread.sleep(Math.min(timeout.find() ? Integer.parseInt(timeout.group(1)) : 0, 60) * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                result = "[]";
            } else if (method.equals("getMyCommands")) {
                result = "[]";
            }
            byte[] answer = ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println("fake Bot API on 127.0.0.1:" + port);
    }
}
