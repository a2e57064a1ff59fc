package io.lariat.engine.gguf;

/**
 * The ggml tensor types with their on-disk ids and block geometry.
 *
 * <p>A tensor of type {@code t} stores its elements in blocks of {@link #blockSize()} elements taking
 * {@link #blockBytes()} bytes each; a row's length (dimension 0) must be a multiple of the block size. Every type
 * ggml has assigned an id is listed so that any file's tensor table can be read; which types can be computed with
 * is up to the kernels. Ids that ggml retired (4, 5, 31–33, 36–38) are unknown here.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17);

    private static final GgmlType[] BY_ID = new GgmlType[40];

    static {
        for (GgmlType type : values()) {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The id stored in GGUF tensor infos ({@code enum ggml_type}). */
    public int id() {
        return id;
    }

    /** Number of elements in one block (1 for plain number types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes taken by one block. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Whether elements are stored in multi-element quantization blocks. */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /**
     * Bytes taken by {@code elements} elements, which must be a multiple of {@link #blockSize()}.
     *
     * @throws IllegalArgumentException if {@code elements} is negative or not a whole number of blocks
     * @throws ArithmeticException      if the byte count overflows a long
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(elements + " elements is not a whole number of " + this + " blocks");
        }
        return Math.multiplyExact(elements / blockSize, (long) blockBytes);
    }

    /** The type with the given id, or {@code null} when the id is unknown or retired. */
    public static GgmlType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
