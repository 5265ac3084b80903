package dev.vecnn.kernels;

/** An implementation of one kernel family; its name says what it computes and how. */
public interface Kernel {
    String name();
}
