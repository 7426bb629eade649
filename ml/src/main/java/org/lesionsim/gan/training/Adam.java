package org.lesionsim.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.EnumMap;
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
    private boolean sanitizeGradients;

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
     * Replace NaN gradients by 0 and infinite ones by +-1e5 before each update, as the reference's
     * training loop does ({@code misc.nan_to_num(param.grad, nan=0, posinf=1e5, neginf=-1e5)}): an FP16
     * block can overflow now and then. Off by default: FP32 networks never need it, so their steps stay as they were.
     */
    public Adam sanitizeGradients(boolean sanitize) {
        this.sanitizeGradients = sanitize;
        return this;
    }

    /** {@code torch.nan_to_num(g, nan=0, posinf=1e5, neginf=-1e5, out=g)}, in place. */
    static void nanToNum(NDArray g) {
        g.set(new NDIndex("{}", g.isNaN()), 0f);
        NDArray infinite = g.isInfinite();
        g.set(new NDIndex("{}", infinite.logicalAnd(g.gt(0))), 1e5f);
        g.set(new NDIndex("{}", infinite.logicalAnd(g.lt(0))), -1e5f);
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
        Map<DataType, Scalars> scalars = new EnumMap<>(DataType.class); // made once per step, not per parameter
        params.parameters().forEach((name, p) -> {
            NDArray g = p.getGradient();
            g.attach(stepManager);
            if (sanitizeGradients) {
                nanToNum(g);
            }
            Scalars c = scalars.computeIfAbsent(g.getDataType(), unused -> new Scalars(g, bc1, bc2Sqrt));
            NDArray mt = m.get(name);
            NDArray vt = v.get(name);
            // m = b1 m + (1 - b1) g ; v = b2 v + (1 - b2) g^2  (in place: the moments keep their manager)
            mt.muli(c.beta1).addi(g.mul(c.oneMinusBeta1));
            vt.muli(c.beta2).addi(g.square().mul(c.oneMinusBeta2));
            NDArray denom = StepArrays.view(g, vt).sqrt().mul(c.invBc2Sqrt).add(c.eps);
            NDArray update = StepArrays.view(g, mt).div(denom).mul(c.stepSize);
            // p -= update, in place through a detached alias of the parameter's storage (torch's p.data)
            NDArray data = p.stopGradient();
            data.attach(stepManager);
            data.subi(update);
            g.subi(g); // zero_grad
        });
    }

    /** The step's constants as native 0-d arrays of one data type (see {@link StepArrays}). */
    private final class Scalars {
        final NDArray beta1;
        final NDArray oneMinusBeta1;
        final NDArray beta2;
        final NDArray oneMinusBeta2;
        final NDArray invBc2Sqrt;
        final NDArray eps;
        final NDArray stepSize;

        Scalars(NDArray like, double bc1, double bc2Sqrt) {
            beta1 = StepArrays.scalar(like, Adam.this.beta1);
            oneMinusBeta1 = StepArrays.scalar(like, 1 - Adam.this.beta1);
            beta2 = StepArrays.scalar(like, Adam.this.beta2);
            oneMinusBeta2 = StepArrays.scalar(like, 1 - Adam.this.beta2);
            invBc2Sqrt = StepArrays.scalar(like, 1 / bc2Sqrt);
            eps = StepArrays.scalar(like, EPS);
            stepSize = StepArrays.scalar(like, lr / bc1);
        }
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
