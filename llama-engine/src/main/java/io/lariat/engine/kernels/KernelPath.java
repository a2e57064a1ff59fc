package io.lariat.engine.kernels;

/**
 * Which kernels this JVM runs, chosen once when the class loads: the Vector API kernels when the incubating module
 * {@value #MODULE} is in the boot layer ({@code --add-modules jdk.incubator.vector}), else the scalar ones
 * ({@link ScalarKernel}, {@link ScalarMath}), which compute the same products in plain Java, several times slower,
 * and never load a class of that module. {@link MatrixKernel#of} and {@link Kernels} are the seams that choose.
 */
public enum KernelPath {
    /** The Vector API kernels. */
    VECTOR,
    /** The plain-Java kernels, for a JVM started without the Vector API module. */
    SCALAR;

    /** The module the fast kernels need. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final KernelPath CURRENT = ModuleLayer.boot().findModule(MODULE).isPresent() ? VECTOR : SCALAR;

    /** The path of this JVM. */
    public static KernelPath current() {
        return CURRENT;
    }
}
