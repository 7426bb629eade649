package org.lesionsim.notifier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP webhook endpoint on a loopback port, answering every POST with one status. */
final class WebhookReceiver implements AutoCloseable {

    record Received(long arrivalNanos, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start(int port, int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                long arrival = System.nanoTime();
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                // Only now: a test that stops the receiver on seeing a request must not cut off the answer.
                receiver.received.add(new Received(arrival, headers, body));
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code n} requests have arrived in all, and returns all of them so far. */
    List<Received> await(int n, Duration timeout) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (all.size() < n) {
            Received r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("webhook got " + all.size() + " of " + n + " requests within " + timeout);
            }
            all.add(r);
        }
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
