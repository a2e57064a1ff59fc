package io.lariat.engine.gguf;

/**
 * The type tags of GGUF metadata values, with their on-disk ids.
 *
 * <p>{@link #STRING} and {@link #ARRAY} have no fixed size ({@link #size()} is {@code -1}).
 */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int size;

    GgufValueType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    /** The id stored in the file. */
    public int id() {
        return id;
    }

    /** Size in bytes of one value on disk, or {@code -1} for strings and arrays. */
    public int size() {
        return size;
    }

    /** Whether this is one of the eight integer types. */
    public boolean isInteger() {
        return size > 0 && this != FLOAT32 && this != FLOAT64 && this != BOOL;
    }

    /** Whether this is {@link #FLOAT32} or {@link #FLOAT64}. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Whether values of this type are unsigned integers. */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** Whether this type has a fixed size (numbers and booleans). */
    boolean isFixedSize() {
        return size > 0;
    }

    /** The smallest number of bytes a value of this type can occupy on disk (used to bound counts). */
    int minimumSize() {
        return switch (this) {
            case STRING -> 8;
            case ARRAY -> 12;
            default -> size;
        };
    }

    /** The type with the given id, or {@code null} when the id is unknown. */
    static GgufValueType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
