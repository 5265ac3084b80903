package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.Optimizers;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimiser updates a vector of parameters at a time with fused multiply-adds and a masked tail;
 * Adam's bias corrections are folded once per call into a step size and a scale of v. Wins for
 * Adam and AdamW (the reference calls Math.pow twice per parameter) and Nesterov; SGD and momentum
 * only tie, as C2 auto-vectorises those two plain reference loops and all are memory-bound.
 */
public final class OptimizersLanewise implements Optimizers {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int L = Simd.LANES;

    @Override
    public String name() { return "OptimizersLanewise"; }

    @Override
    public void sgd(int n, float[] p, int pOff, float[] g, int gOff, float lr, float weightDecay) {
        FloatVector decay = FloatVector.broadcast(S, weightDecay);
        FloatVector negLr = FloatVector.broadcast(S, -lr);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, pOff + i);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i));
            d.fma(negLr, w).intoArray(p, pOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(S, p, pOff + i, m);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i, m));
            d.fma(negLr, w).intoArray(p, pOff + i, m);
        }
    }

    @Override
    public void momentum(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                         float lr, float momentum, float weightDecay) {
        FloatVector decay = FloatVector.broadcast(S, weightDecay);
        FloatVector negLr = FloatVector.broadcast(S, -lr);
        FloatVector mu = FloatVector.broadcast(S, momentum);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, pOff + i);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i).fma(mu, d);
            vel.intoArray(v, vOff + i);
            vel.fma(negLr, w).intoArray(p, pOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(S, p, pOff + i, m);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i, m));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i, m).fma(mu, d);
            vel.intoArray(v, vOff + i, m);
            vel.fma(negLr, w).intoArray(p, pOff + i, m);
        }
    }

    @Override
    public void nesterov(int n, float[] p, int pOff, float[] g, int gOff, float[] v, int vOff,
                         float lr, float momentum, float weightDecay) {
        FloatVector decay = FloatVector.broadcast(S, weightDecay);
        FloatVector negLr = FloatVector.broadcast(S, -lr);
        FloatVector mu = FloatVector.broadcast(S, momentum);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, pOff + i);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i).fma(mu, d);
            vel.intoArray(v, vOff + i);
            vel.fma(mu, d).fma(negLr, w).intoArray(p, pOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(S, p, pOff + i, m);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i, m));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i, m).fma(mu, d);
            vel.intoArray(v, vOff + i, m);
            vel.fma(mu, d).fma(negLr, w).intoArray(p, pOff + i, m);
        }
    }

    @Override
    public void adam(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                     float lr, float beta1, float beta2, float eps, int t, float weightDecay) {
        adamUpdate(n, p, pOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, eps, t, weightDecay, 0f);
    }

    @Override
    public void adamW(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                      float lr, float beta1, float beta2, float eps, int t, float weightDecay) {
        adamUpdate(n, p, pOff, g, gOff, m, mOff, v, vOff, lr, beta1, beta2, eps, t, 0f, lr * weightDecay);
    }

    /**
     * One Adam step: the L2 term weightDecay * p joins the gradient (Adam), while decoupledDecay
     * shrinks p before the step (AdamW); each caller passes 0 for the other.
     */
    private static void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff,
                                   float[] v, int vOff, float lr, float beta1, float beta2, float eps, int t,
                                   float weightDecay, float decoupledDecay) {
        FloatVector shrink = FloatVector.broadcast(S, -decoupledDecay);
        FloatVector decay = FloatVector.broadcast(S, weightDecay);
        FloatVector b1 = FloatVector.broadcast(S, beta1);
        FloatVector b2 = FloatVector.broadcast(S, beta2);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        float negStep = (float) (-lr / (1 - Math.pow(beta1, t)));
        float vScale = (float) (1 / (1 - Math.pow(beta2, t)));
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, pOff + i);
            w = w.fma(shrink, w);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i));
            FloatVector mom = FloatVector.fromArray(S, m, mOff + i).fma(b1, d.mul(oneMinusBeta1));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i).fma(b2, d.mul(oneMinusBeta2).mul(d));
            mom.intoArray(m, mOff + i);
            vel.intoArray(v, vOff + i);
            FloatVector denom = vel.mul(vScale).sqrt().add(eps);
            mom.mul(negStep).div(denom).add(w).intoArray(p, pOff + i);
        }
        if (i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(S, p, pOff + i, k);
            w = w.fma(shrink, w);
            FloatVector d = w.fma(decay, FloatVector.fromArray(S, g, gOff + i, k));
            FloatVector mom = FloatVector.fromArray(S, m, mOff + i, k).fma(b1, d.mul(oneMinusBeta1));
            FloatVector vel = FloatVector.fromArray(S, v, vOff + i, k).fma(b2, d.mul(oneMinusBeta2).mul(d));
            mom.intoArray(m, mOff + i, k);
            vel.intoArray(v, vOff + i, k);
            FloatVector denom = vel.mul(vScale).sqrt().add(eps);
            mom.mul(negStep).div(denom).add(w).intoArray(p, pOff + i, k);
        }
    }
}
