package org.lesionsim.metrics.service;

import ai.djl.ndarray.NDManager;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import org.lesionsim.engine.ComputeDevice;
import org.lesionsim.judge.JudgeConfiguration;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.metrics.fid.FidConfiguration;
import org.lesionsim.metrics.fid.FidScorer;
import org.lesionsim.metrics.lpips.LpipsConfiguration;
import org.lesionsim.metrics.lpips.LpipsScorer;

/**
 * The metrics that need pretrained networks, opened once at start from {@link MetricsSettings}:
 * LPIPS and the independent judge's P(mel) (progressions) and FID/KID (checkpoints). Each is either loaded from verified weights or
 * answers "not configured" with the reason; a configured file that is broken (wrong checksum,
 * tensors) stops the worker at start instead of scoring with other weights.
 */
@Startup
@ApplicationScoped
public class PretrainedMetrics {
    private static final Logger LOG = Logger.getLogger(PretrainedMetrics.class);

    private final NDManager manager;
    private final LpipsScorer lpips;
    private final FidScorer fid;
    private final MelanomaJudge judge;
    private final String fidNotConfigured;

    /** The engine (and so the device) is resolved only when some metric has weights configured. */
    @Inject
    public PretrainedMetrics(MetricsSettings settings, Provider<ComputeDevice> device) {
        LpipsConfiguration lpipsConfig = LpipsConfiguration.fromSettings(settings.lpips().weights().orElse(null),
                settings.lpips().backbone());
        FidConfiguration fidConfig = FidConfiguration.fromSettings(settings.fid().weights().orElse(null),
                settings.fid().sha256().orElse(null));
        JudgeConfiguration judgeConfig = JudgeConfiguration.fromSettings(settings.judge().weights().orElse(null));
        boolean needsEngine = lpipsConfig instanceof LpipsConfiguration.Configured
                || fidConfig instanceof FidConfiguration.Configured || judgeConfig instanceof JudgeConfiguration.Configured;
        this.manager = needsEngine ? device.get().newManager() : null;
        try {
            this.lpips = LpipsScorer.open(lpipsConfig, manager);
            this.fid = FidScorer.open(fidConfig, manager);
            this.judge = MelanomaJudge.open(judgeConfig, manager);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the configured metric weights", e);
        }
        this.fidNotConfigured = fidConfig instanceof FidConfiguration.NotConfigured n ? n.reason() : null;
        LOG.infof("%s; %s; %s", describe(lpipsConfig), fidNotConfigured == null ? "FID configured" : fidNotConfigured,
                judge.notConfiguredReason() == null ? "judge configured" : judge.notConfiguredReason());
    }

    public LpipsScorer lpips() {
        return lpips;
    }

    public FidScorer fid() {
        return fid;
    }

    /** The independent judge of P(mel) per frame, or a not-configured one that says why. */
    public MelanomaJudge judge() {
        return judge;
    }

    public boolean fidConfigured() {
        return fidNotConfigured == null;
    }

    @PreDestroy
    void close() {
        lpips.close();
        fid.close();
        judge.close();
        if (manager != null) {
            manager.close();
        }
    }

    private static String describe(LpipsConfiguration config) {
        return config instanceof LpipsConfiguration.Configured c ? "LPIPS configured (" + c.backbone() + ")"
                : ((LpipsConfiguration.NotConfigured) config).reason();
    }
}
