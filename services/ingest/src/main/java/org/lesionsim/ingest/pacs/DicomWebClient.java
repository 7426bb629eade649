package org.lesionsim.ingest.pacs;

import static org.lesionsim.worker.DeadLetterReason.MALFORMED_METADATA;
import static org.lesionsim.worker.DeadLetterReason.PACS_REFUSED;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lesionsim.dicom.DicomJson;
import org.lesionsim.events.EventCodec;
import org.lesionsim.worker.RejectedInputException;

/**
 * The three DICOMweb calls the follower makes (PS3.18): QIDO-RS search for instances, WADO-RS
 * metadata of one instance, WADO-RS rendered frame of one instance as PNG. Every request has a
 * timeout. A PACS that cannot be reached, times out or answers 5xx is a
 * {@link PacsUnavailableException} (try again later); a 4xx about one instance is a
 * {@link RejectedInputException} (that instance will not get better). Messages name the status and
 * the kind of call, never a URL: the URL holds the real UIDs.
 */
final class DicomWebClient {
    private final String root;
    private final Duration timeout;
    private final HttpClient http;

    /** A study/series/instance address, with the real UIDs: held in memory only, never logged. */
    record InstanceAddress(String studyUid, String seriesUid, String sopInstanceUid) {
        @Override
        public String toString() {
            return "InstanceAddress[not shown]";
        }
    }

    DicomWebClient(String root, Duration timeout) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One page of {@code GET /instances?...}: each result a DICOM JSON object. */
    List<DicomJson> searchInstances(List<String> modalities, String studyDateRange, List<String> includeFields, int offset, int limit) {
        StringBuilder query = new StringBuilder("/instances?limit=").append(limit).append("&offset=").append(offset);
        if (!modalities.isEmpty()) {
            query.append("&Modality=").append(encode(String.join(",", modalities)));
        }
        if (studyDateRange != null) {
            query.append("&StudyDate=").append(encode(studyDateRange));
        }
        for (String field : includeFields) {
            query.append("&includefield=").append(encode(field));
        }
        HttpResponse<byte[]> response = send(query.toString(), "application/dicom+json", "QIDO-RS search");
        if (response.statusCode() == 204 || response.body().length == 0) {
            return List.of();
        }
        expectOk(response, "QIDO-RS search", false);
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new PacsUnavailableException("QIDO-RS search answered something that is not JSON", null);
        }
        if (tree == null || !tree.isArray()) {
            throw new PacsUnavailableException("QIDO-RS search answered JSON that is not an array", null);
        }
        List<DicomJson> results = new ArrayList<>();
        tree.forEach(node -> results.add(DicomJson.of(node)));
        return results;
    }

    /** WADO-RS {@code .../metadata} of one instance. */
    DicomJson metadata(InstanceAddress a) {
        HttpResponse<byte[]> response = send(path(a) + "/metadata", "application/dicom+json", "WADO-RS metadata");
        expectOk(response, "WADO-RS metadata", true);
        try {
            return DicomJson.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException(MALFORMED_METADATA, "the PACS's metadata of this instance: " + e.getMessage());
        }
    }

    /** WADO-RS {@code .../rendered} of one instance as PNG, decoded by the PACS. */
    byte[] renderedPng(InstanceAddress a) {
        HttpResponse<byte[]> response = send(path(a) + "/rendered", "image/png", "WADO-RS rendered");
        expectOk(response, "WADO-RS rendered", true);
        return response.body();
    }

    private String path(InstanceAddress a) {
        return "/studies/" + encode(a.studyUid()) + "/series/" + encode(a.seriesUid()) + "/instances/" + encode(a.sopInstanceUid());
    }

    private HttpResponse<byte[]> send(String pathAndQuery, String accept, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                .timeout(timeout)
                .header("Accept", accept)
                .GET()
                .build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException staleConnection) {
                // A GET is safe to repeat, and the JDK client may have picked a keep-alive connection the
                // PACS had already dropped; a PACS that is really down fails the second try as well.
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (IOException e) {
            throw new PacsUnavailableException(what + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PacsUnavailableException(what + " interrupted", e);
        }
    }

    private static void expectOk(HttpResponse<byte[]> response, String what, boolean aboutOneInstance) {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429 && aboutOneInstance) {
            throw new RejectedInputException(PACS_REFUSED, what + " of this instance answered " + status);
        }
        throw new PacsUnavailableException(what + " answered " + status, null);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
