package dev.vecnn.kernels;

/** Single-precision matrix multiply, row-major with leading dimensions. */
public interface Gemm extends Kernel {
    /**
     * C = alpha * op(A) * op(B) + beta * C, where op(A) is m x k, op(B) is k x n and C is m x n.
     * A is stored m x k (lda >= k), or k x m (lda >= m) when {@code transA}; likewise B is k x n
     * (ldb >= n), or n x k (ldb >= k) when {@code transB}. With beta == 0, C is overwritten and
     * never read, so NaN already in C does not propagate.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc, Workspace ws);
}
