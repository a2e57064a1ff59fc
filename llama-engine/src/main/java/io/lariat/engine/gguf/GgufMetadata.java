package io.lariat.engine.gguf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The metadata key/value pairs of a GGUF file, in file order, with typed getters.
 *
 * <p>Getters without {@code find} throw {@link GgufFormatException} when the key is missing or holds a value of an
 * incompatible type (the message names the file, the key's offset and the types); {@code find…} variants return
 * empty when the key is missing and throw only on a type mismatch. Integer getters accept any of the eight integer
 * types; float getters accept {@code FLOAT32} and {@code FLOAT64}. Immutable and thread-safe.
 */
public final class GgufMetadata {

    private final Path file;
    private final Map<String, GgufValue> values;
    private final Map<String, Long> offsets;

    /**
     * Creates metadata from values in order.
     *
     * @param file    the file they came from, or {@code null}; used in error messages
     * @param values  the key/value pairs, in order (copied)
     * @param offsets file offset of each key's entry (copied; missing keys report offset {@code -1})
     */
    GgufMetadata(Path file, Map<String, GgufValue> values, Map<String, Long> offsets) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.offsets = Map.copyOf(offsets);
    }

    /** Metadata that did not come from a file, e.g. to inspect what a {@link GgufWriter} will write. */
    public static GgufMetadata of(Map<String, GgufValue> values) {
        return new GgufMetadata(null, values, Map.of());
    }

    /** All pairs in file order; unmodifiable. */
    public Map<String, GgufValue> asMap() {
        return values;
    }

    /** Whether {@code key} is present. */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The raw value of {@code key}, if present. */
    public Optional<GgufValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The raw value of {@code key}; throws if missing. */
    public GgufValue get(String key) {
        GgufValue value = values.get(key);
        if (value == null) {
            throw new GgufFormatException(file, -1, "missing metadata key " + key);
        }
        return value;
    }

    /** A {@code STRING} value. */
    public String string(String key) {
        return asString(key, get(key));
    }

    /** A {@code STRING} value, if present. */
    public Optional<String> findString(String key) {
        return find(key).map(value -> asString(key, value));
    }

    /** An integer value of any integer type ({@code UINT64} above 2^63 comes back negative). */
    public long integer(String key) {
        return asInteger(key, get(key));
    }

    /** An integer value, if present. */
    public OptionalLong findInteger(String key) {
        GgufValue value = values.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(asInteger(key, value));
    }

    /** A {@code FLOAT32} or {@code FLOAT64} value, as float. */
    public float float32(String key) {
        return asFloat(key, get(key));
    }

    /** A float value, if present. */
    public Optional<Float> findFloat32(String key) {
        return find(key).map(value -> asFloat(key, value));
    }

    /** A {@code BOOL} value. */
    public boolean bool(String key) {
        return asBool(key, get(key));
    }

    /** A {@code BOOL} value, if present. */
    public Optional<Boolean> findBool(String key) {
        return find(key).map(value -> asBool(key, value));
    }

    /** An array of strings (unmodifiable). */
    public List<String> strings(String key) {
        return asStrings(key, get(key));
    }

    /** An array of strings, if present. */
    public Optional<List<String>> findStrings(String key) {
        return find(key).map(value -> asStrings(key, value));
    }

    /** An array of integers whose values all fit an int (a fresh array). */
    public int[] ints(String key) {
        return asInts(key, get(key));
    }

    /** An array of integers, if present. */
    public Optional<int[]> findInts(String key) {
        return find(key).map(value -> asInts(key, value));
    }

    /** An array of {@code FLOAT32} or {@code FLOAT64}, as floats (a fresh array). */
    public float[] floats(String key) {
        return asFloats(key, get(key));
    }

    /** An array of floats, if present. */
    public Optional<float[]> findFloats(String key) {
        return find(key).map(value -> asFloats(key, value));
    }

    /** Number of pairs. */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return "GgufMetadata" + values.keySet();
    }

    private String asString(String key, GgufValue value) {
        if (value instanceof GgufValue.StringValue(String text)) {
            return text;
        }
        throw mismatch(key, value, "STRING");
    }

    private long asInteger(String key, GgufValue value) {
        if (value instanceof GgufValue.IntegerValue(var type, long number)) {
            return number;
        }
        throw mismatch(key, value, "an integer");
    }

    private float asFloat(String key, GgufValue value) {
        if (value instanceof GgufValue.FloatValue(var type, double number)) {
            return (float) number;
        }
        throw mismatch(key, value, "FLOAT32");
    }

    private boolean asBool(String key, GgufValue value) {
        if (value instanceof GgufValue.BoolValue(boolean flag)) {
            return flag;
        }
        throw mismatch(key, value, "BOOL");
    }

    private List<String> asStrings(String key, GgufValue value) {
        if (value instanceof GgufValue.StringArray(List<String> texts)) {
            return texts;
        }
        throw mismatch(key, value, "an array of STRING");
    }

    private int[] asInts(String key, GgufValue value) {
        return numbers(key, value, GgufValueType::isInteger, "an array of integers", numbers -> {
            int[] result = new int[numbers.size()];
            for (int i = 0; i < result.length; i++) {
                long number = numbers.longAt(i);
                if (number != (int) number) {
                    throw new GgufFormatException(file, offset(key),
                            "metadata key " + key + " element " + i + " = " + number + " does not fit an int");
                }
                result[i] = (int) number;
            }
            return result;
        });
    }

    private float[] asFloats(String key, GgufValue value) {
        return numbers(key, value, GgufValueType::isFloat, "an array of FLOAT32", numbers -> {
            float[] result = new float[numbers.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = (float) numbers.doubleAt(i);
            }
            return result;
        });
    }

    private <T> T numbers(String key, GgufValue value, Predicate<GgufValueType> accepts,
                          String expected, Function<GgufValue.NumberArray, T> convert) {
        if (value instanceof GgufValue.NumberArray numbers && accepts.test(numbers.elementType())) {
            return convert.apply(numbers);
        }
        throw mismatch(key, value, expected);
    }

    private GgufFormatException mismatch(String key, GgufValue value, String expected) {
        String actual = value instanceof GgufValue.ArrayValue array
                ? "an array of " + array.elementType() : value.type().toString();
        return new GgufFormatException(file, offset(key),
                "metadata key " + key + " is " + actual + ", expected " + expected);
    }

    private long offset(String key) {
        return offsets.getOrDefault(key, -1L);
    }
}
