package org.lesionsim.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lesionsim.gan.StateDict;
import org.lesionsim.gan.StepArrays;

/**
 * {@code torch.optim.Adam} (eps 1e-8, no weight decay) over the parameters of a {@link StateDict},
 * with the lazy-regularisation correction of {@code training_loop.py}: when a regulariser runs
 * every {@code interval} minibatches, {@code lr *= c} and {@code beta ** c} with
 * {@code c = interval / (interval + 1)}.
 *
 * <p>State: first and second moments per parameter (own manager) and the step count; {@link
 * #saveTo} / {@link #loadFrom} round-trip it exactly, so a resumed run takes the same steps.
 */
public final class Adam implements AutoCloseable {
    private static final double EPS = 1e-8;

    private final StateDict params;
    private final NDManager manager;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    /** @param regInterval lazy regularisation interval, 0 = none (no correction) */
    public Adam(StateDict params, NDManager parent, double lr, double beta1, double beta2, int regInterval) {
        double ratio = regInterval > 0 ? regInterval / (regInterval + 1.0) : 1.0;
        this.params = params;
        this.manager = parent.newSubManager();
        this.lr = lr * ratio;
        this.beta1 = Math.pow(beta1, ratio);
        this.beta2 = Math.pow(beta2, ratio);
        params.parameters().forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape(), p.getDataType()));
            v.put(name, manager.zeros(p.getShape(), p.getDataType()));
        });
    }

    /**
     * One update from the parameters' current {@code .grad}, which it then zeroes (as
     * {@code zero_grad} before the next phase). Parameters without a gradient are left alone.
     *
     * @param step the step's sub-manager: temporaries go there
     */
    public void step(NDManager stepManager) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        params.parameters().forEach((name, p) -> {
            NDArray g = p.getGradient();
            g.attach(stepManager);
            NDArray mt = m.get(name);
            NDArray vt = v.get(name);
            // m = b1 m + (1 - b1) g ; v = b2 v + (1 - b2) g^2  (in place: the moments keep their manager)
            mt.muli(StepArrays.scalar(g, beta1)).addi(StepArrays.mul(g, 1 - beta1));
            vt.muli(StepArrays.scalar(g, beta2)).addi(StepArrays.mul(g.square(), 1 - beta2));
            NDArray vView = StepArrays.view(g, vt);
            NDArray mView = StepArrays.view(g, mt);
            NDArray denom = StepArrays.add(StepArrays.mul(vView.sqrt(), 1 / bc2Sqrt), EPS);
            NDArray update = StepArrays.mul(mView.div(denom), lr / bc1);
            NDArray pView = StepArrays.view(g, p).stopGradient();
            pView.attach(stepManager);
            p.set(pView.sub(update).toByteBuffer());
            g.subi(g); // zero_grad
        });
    }

    /** Number of updates taken. */
    public long steps() {
        return step;
    }

    /** Adds the moments as {@code <prefix>m.<name>} and {@code <prefix>v.<name>} to {@code out}. */
    public void saveTo(String prefix, NDList out) {
        m.forEach((name, array) -> {
            array.setName(prefix + "m." + name);
            out.add(array);
        });
        v.forEach((name, array) -> {
            array.setName(prefix + "v." + name);
            out.add(array);
        });
    }

    /** Restores moments saved by {@link #saveTo} and the step count. */
    public void loadFrom(String prefix, Map<String, NDArray> byName, long steps) {
        m.forEach((name, array) -> array.set(required(byName, prefix + "m." + name).toByteBuffer()));
        v.forEach((name, array) -> array.set(required(byName, prefix + "v." + name).toByteBuffer()));
        this.step = steps;
    }

    private static NDArray required(Map<String, NDArray> byName, String name) {
        NDArray array = byName.get(name);
        if (array == null) {
            throw new IllegalArgumentException("optimizer state has no tensor '" + name + "'");
        }
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
