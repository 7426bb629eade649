package org.lesionsim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lesionsim.events.EventCodec;

/**
 * The hospital's side of the loop, as small as it can be: a loopback endpoint that checks each
 * webhook's signature (HMAC-SHA256 over timestamp + "." + body) and says which case came back.
 */
final class DemoWebhook implements AutoCloseable {
    /** One delivery as received: its parsed body, whether the signature held, and when it came (epoch ms). */
    record Delivery(String caseId, JsonNode body, boolean signatureOk, long receivedMillis) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private DemoWebhook(String secret) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Lesionsim-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Lesionsim-Signature");
            boolean ok = timestamp != null && signature != null && MessageDigest.isEqual(
                    sign(secret, timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
            exchange.sendResponseHeaders(ok ? 204 : 401, -1);
            exchange.close();
            JsonNode json = EventCodec.mapper().readTree(body);
            String caseId = json.path("caseId").asText("?");
            deliveries.add(new Delivery(caseId, json, ok, System.currentTimeMillis()));
            (ok ? verified : refused).incrementAndGet();
            System.out.println("    webhook: case " + caseId + " delivered, signature " + (ok ? "ok" : "BAD (refused)"));
        });
        server.start();
    }

    static DemoWebhook start(String secret) {
        try {
            return new DemoWebhook(secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    int verified() {
        return verified.get();
    }

    int refused() {
        return refused.get();
    }

    /** Every delivery received so far, in arrival order. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
