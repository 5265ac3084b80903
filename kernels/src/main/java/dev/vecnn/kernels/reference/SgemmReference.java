package dev.vecnn.kernels.reference;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Workspace;

/** C = alpha * op(A) * op(B) + beta * C by the definition: one dot product per element of C. */
public final class SgemmReference implements Gemm {
    @Override
    public String name() { return "SgemmReference"; }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, Workspace ws) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float dot = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    dot += aip * bpj;
                }
                int ij = cOff + i * ldc + j;
                c[ij] = beta == 0f ? alpha * dot : alpha * dot + beta * c[ij];
            }
        }
    }
}
