package org.lesionsim.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.infra.OrthancServer;
import org.lesionsim.storage.LocalFiles;

/**
 * {@code bin/demo --pacs}: the demo fed by a hospital PACS instead of a folder. A real Orthanc
 * (DICOMweb) is filled with synthetic lesions under fake patients; ingest follows it and turns each
 * instance into a de-identified case with pseudonymous UIDs, which runs through the pipeline to
 * its scores and comes back to the hospital as a signed webhook. Prints, per instance, the
 * pseudonymous SOP UID, the case, whether it was scored, and whether the webhook arrived signed.
 */
final class PacsDemo {
    private PacsDemo() {
    }

    /** The exit status: 0 when every instance came back scored and signed, 1 otherwise, 2 without Orthanc or models. */
    static int run(Demo.Options o) throws Exception {
        if (!OrthancServer.isInstalled()) {
            System.err.println("bin/demo --pacs needs a real PACS: " + OrthancServer.notInstalledReason()
                    + " (then 'service orthanc stop': the demo starts its own on free ports)");
            return 2;
        }
        if (o.models() == null) {
            System.err.println("bin/demo --pacs follows each case to its scores and webhook: it needs the models (drop --no-models,"
                    + " or give --models DIR)");
            return 2;
        }
        long t0 = System.nanoTime();
        for (String scratch : List.of("infra", "results", "logs", "pacs")) {
            LocalFiles.deleteRecursively(o.data().resolve(scratch));
        }
        Demo.step("starting a PACS: Orthanc " + OrthancServer.BINARY + " with DICOMweb, storage under " + o.data().resolve("pacs"));
        try (OrthancServer orthanc = OrthancServer.start(o.data().resolve("pacs"))) {
            DemoPacs pacs = new DemoPacs(orthanc, DemoPacs.newPseudonymKey());
            Map<String, String> workerConfig = new LinkedHashMap<>(pacs.followerConfig());
            workerConfig.put("ai.djl.pytorch.num_threads", "1"); // seven JVMs share the cores, as in the folder demo
            workerConfig.put("lesionsim.progression.alphas", "0,2,4,6,8,10");
            workerConfig.putAll(ShippedModels.workerConfig(o.models()));
            Demo.step("starting a Kafka broker, an S3 server and the workers " + DemoPacs.WORKERS + "; ingest follows "
                    + orthanc.dicomWebRoot() + " as '" + DemoPacs.NAME + "', its cases submitted by key " + DemoKeys.INGEST_ID);
            List<String> deadLetters = DemoPacs.WORKERS.stream().map(w -> "dead-letter." + w).toList();
            List<String> topics = new ArrayList<>(List.of("cases.received", "metrics.scored"));
            topics.addAll(deadLetters);
            try (DemoStack stack = DemoStack.start(o.root(), o.data(), workerConfig, DemoPacs.WORKERS, pacs.followerEnvironment());
                 PipelineWatch watch = stack.watch(topics)) {
                Demo.step("publishing the shipped models in " + o.root().relativize(o.models()) + " as checkpoints");
                ShippedModels.publish(stack, stack.store(), o.models())
                        .forEach(m -> System.out.println("    " + m.kind() + " " + m.checkpointId() + " (kimg " + m.kimg() + ")"));
                Demo.step("storing " + o.count() + " synthetic lesions in the PACS as DICOM (Modality XC, Secondary Capture) under"
                        + " fake patients; the names, MRNs, birth dates and real UIDs stay there");
                List<DemoPacs.Sent> sent = new ArrayList<>();
                for (int i = 0; i < o.count(); i++) {
                    DemoPacs.Sent s = pacs.storeSyntheticLesion(o.seed(), i);
                    Map<String, String> tags = DemoPacs.fakePatientTags(i);
                    System.out.printf("    %-18s %s  real SOP UID %s%n", tags.get("PatientName"), tags.get("PatientID"),
                            s.stored().sopInstanceUid());
                    sent.add(s);
                }
                ProgressBar bar = new ProgressBar("followed, de-identified, scored, delivered", sent.size());
                List<DemoPacs.Outcome> outcomes = DemoPacs.follow(watch, stack.webhook(), sent, deadLetters, Duration.ofMinutes(20),
                        bar::update);
                bar.finish();

                System.out.println();
                System.out.println("lesionsim PACS demo finished in " + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s");
                System.out.printf("  %-46s %-36s %-6s %s%n", "pseudonymous SOP Instance UID", "case", "scored", "webhook");
                int good = 0;
                for (DemoPacs.Outcome out : outcomes) {
                    String webhook = out.delivery() == null ? (out.deadLetter() != null ? "dead letter" : "not delivered")
                            : "delivered, signature " + (out.delivery().signatureOk() ? "ok" : "BAD");
                    System.out.printf("  %-46s %-36s %-6s %s%n", out.sent().pseudonymousSop(),
                            out.caseId() == null ? "(no case)" : out.caseId(), out.scored() ? "yes" : "no", webhook);
                    if (out.scored() && out.delivery() != null && out.delivery().signatureOk()) {
                        good++;
                    }
                }
                System.out.printf("  %d of %d instances came back scored with a signed webhook%n", good, sent.size());
                System.out.println("  PACS (Orthanc Explorer)  " + orthanc.url() + "/app/explorer.html");
                System.out.println("  webhook receiver         " + (stack.webhook() == null ? "(none)" : stack.webhook().url()));
                System.out.println("  worker logs              " + stack.logs());
                if (o.keepRunning()) {
                    System.out.println("\nPACS, broker, store and workers keep running (store more in Orthanc and watch them come back);"
                            + " Ctrl-C stops them.");
                    Thread.currentThread().join();
                }
                return good == sent.size() ? 0 : 1;
            }
        }
    }
}
