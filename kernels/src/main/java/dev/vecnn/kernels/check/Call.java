package dev.vecnn.kernels.check;

import java.util.function.DoubleSupplier;

/**
 * One implementation bound to one problem's operands and its own workspace: {@link #run} is
 * exactly the kernel call, so a bench times nothing else.
 */
public final class Call {
    private final Problem<?> problem;
    private final String implementation;
    private final Operands operands;
    private final DoubleSupplier kernelCall;

    Call(Problem<?> problem, String implementation, Operands operands, DoubleSupplier kernelCall) {
        this.problem = problem;
        this.implementation = implementation;
        this.operands = operands;
        this.kernelCall = kernelCall;
    }

    /** Calls the kernel once; returns its scalar result (a loss), or 0 if it has none. */
    public double run() {
        return kernelCall.getAsDouble();
    }

    public Problem<?> problem() {
        return problem;
    }

    public String implementation() {
        return implementation;
    }

    public Operands operands() {
        return operands;
    }
}
