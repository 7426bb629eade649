package org.lesionsim.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PACS for tests and the demo: the Orthanc binary with its DICOMweb plugin, started as a child process
 * on free loopback ports with its own storage under {@code target/}, and stopped with the test (or
 * by a shutdown hook). {@link #restart} brings it back on the same port and storage, which is how
 * a test simulates an outage.
 *
 * <p>Needs {@code apt-get install orthanc orthanc-dicomweb} (CI's {@code .ci/run} does it);
 * {@link #isInstalled} says whether it is there, and {@link #notInstalledReason} what to do.
 * Like the rest of infra/ it uses the JDK alone: the JSON it writes is built by hand, and what it
 * reads back (Orthanc ids, DICOM UIDs) has an alphabet of digits, hex, dots and dashes only.
 */
public final class OrthancServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    /** Orthanc's create-dicom writes no SOP Class UID of its own; a modality would, so {@link #storePng} does. */
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final Pattern ORTHANC_ID = Pattern.compile("\"([0-9a-f]{8}(?:-[0-9a-f]{8}){4})\"");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook;
    private Process process;

    /** What Orthanc answered to create-dicom: its own ids and the DICOM UIDs of the new instance. */
    public record StoredInstance(String orthancId, String studyUid, String seriesUid, String sopInstanceUid) {
    }

    private OrthancServer(Path dir, int httpPort) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.shutdownHook = new Thread(this::stop, "orthanc-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY) && Files.isReadable(DICOMWEB_PLUGIN);
    }

    public static String notInstalledReason() {
        return "Orthanc is not installed (" + BINARY + " and " + DICOMWEB_PLUGIN
                + " are needed): apt-get install -y orthanc orthanc-dicomweb";
    }

    /** Starts Orthanc with storage under a fresh folder in {@code parent}, and waits until it answers. */
    public static OrthancServer start(Path parent) throws IOException {
        if (!isInstalled()) {
            throw new IllegalStateException(notInstalledReason());
        }
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "orthanc-");
        int httpPort = ChildJvm.freePort(0);
        OrthancServer server = new OrthancServer(dir, httpPort);
        server.writeConfig(ChildJvm.freePort(0));
        server.launch();
        return server;
    }

    /** {@code http://127.0.0.1:{port}}: the REST API, and DICOMweb under {@code /dicom-web/}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String dicomWebRoot() {
        return url() + "/dicom-web";
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void writeConfig(int dicomPort) throws IOException {
        String storage = json(dir.resolve("db").toString());
        String config = "{\n"
                + "  \"Name\": \"lesionsim-test-pacs\",\n"
                + "  \"HttpPort\": " + httpPort + ",\n"
                + "  \"DicomPort\": " + dicomPort + ",\n"
                + "  \"StorageDirectory\": " + storage + ",\n"
                + "  \"IndexDirectory\": " + storage + ",\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"AuthenticationEnabled\": false,\n"
                // A fresh connection per request: Orthanc drops idle keep-alive connections after 1 s, and
                // a POST sent on one it is just closing fails with EOF (seen storing while ingest polled).
                + "  \"KeepAlive\": false,\n"
                + "  \"Plugins\": [" + json(DICOMWEB_PLUGIN.toString()) + "],\n"
                + "  \"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\"}\n"
                + "}\n";
        Files.writeString(dir.resolve("config.json"), config);
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), dir.resolve("config.json").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("orthanc.log").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited with " + process.exitValue() + "; see " + dir.resolve("orthanc.log"));
            }
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("Orthanc did not answer GET /system within " + START_TIMEOUT + "; see " + dir.resolve("orthanc.log"));
    }

    /** Stops the process; storage stays, so {@link #restart} finds every instance again. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts it again on the same port and storage. */
    public synchronized void restart() throws IOException {
        stop();
        launch();
    }

    /**
     * Makes one instance from a PNG through {@code POST /tools/create-dicom}, with {@code tags}
     * (DICOM keywords to values: PatientName, Modality, NumberOfFrames, ...). A SOP Class UID of
     * Secondary Capture is added when {@code tags} has none.
     */
    public StoredInstance storePng(byte[] png, Map<String, String> tags) throws IOException {
        StringBuilder t = new StringBuilder("{\"SOPClassUID\":").append(json(SECONDARY_CAPTURE));
        tags.forEach((k, v) -> t.append(',').append(json(k)).append(':').append(json(v)));
        String body = "{\"Tags\":" + t + "},\"Content\":" + json("data:image/png;base64," + Base64.getEncoder().encodeToString(png)) + "}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url() + "/tools/create-dicom"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Matcher id = Pattern.compile("\"ID\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (!id.find()) {
            throw new IOException("create-dicom answered without an ID: " + created.body());
        }
        String simplified = send(HttpRequest.newBuilder(URI.create(url() + "/instances/" + id.group(1) + "/simplified-tags"))
                .GET().build()).body();
        return new StoredInstance(id.group(1), uid(simplified, "StudyInstanceUID"), uid(simplified, "SeriesInstanceUID"),
                uid(simplified, "SOPInstanceUID"));
    }

    /** Every Orthanc instance id stored. */
    public List<String> instanceIds() throws IOException {
        List<String> ids = new ArrayList<>();
        Matcher m = ORTHANC_ID.matcher(get("/instances").body());
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** A UID (digits and dots) out of Orthanc's flat simplified-tags object. */
    private static String uid(String simplifiedTags, String keyword) throws IOException {
        Matcher m = Pattern.compile("\"" + keyword + "\"\\s*:\\s*\"([0-9.]+)\"").matcher(simplifiedTags);
        if (!m.find()) {
            throw new IOException("Orthanc's simplified-tags lack " + keyword);
        }
        return m.group(1);
    }

    /** A JSON string literal. */
    private static String json(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already running the hooks
        }
    }
}
