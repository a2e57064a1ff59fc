package io.lariat.tools.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

/** Small reflective helpers shared by schema generation and binding. Stateless. */
public final class TypeShapes {

    private TypeShapes() {
    }

    /** The class behind a type: the raw class of a parameterized type, {@code Object[]}-like for generic arrays. */
    public static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType a -> rawClass(a.getGenericComponentType()).arrayType();
            default -> Object.class;
        };
    }

    /** Whether the type is {@code Optional<...>} (or raw {@code Optional}). */
    public static boolean isOptional(Type type) {
        return rawClass(type) == Optional.class;
    }

    /** The T of {@code Optional<T>}, or the type itself when it is not an Optional. */
    public static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        return type;
    }
}
