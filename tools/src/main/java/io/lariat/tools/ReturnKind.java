package io.lariat.tools;

import io.lariat.tools.schema.TypeShapes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

/** How a tool method delivers its result: directly (blocking), as a {@link Uni}, or as a {@link CompletionStage}. */
enum ReturnKind {
    /** A plain value or void, computed on a virtual thread. */
    BLOCKING,
    /** A Uni, subscribed to without blocking. */
    UNI,
    /** A CompletionStage, awaited without blocking. */
    STAGE;

    static ReturnKind of(String where, Type type) {
        Class<?> raw = TypeShapes.rawClass(type);
        if (Uni.class.isAssignableFrom(raw)) {
            return UNI;
        }
        if (CompletionStage.class.isAssignableFrom(raw)) {
            return STAGE;
        }
        if (Multi.class.isAssignableFrom(raw) || BaseStream.class.isAssignableFrom(raw)
                || Future.class.isAssignableFrom(raw)) {
            throw new ToolDefinitionException(where, "return type " + raw.getSimpleName()
                    + " is unsupported; return a value, void, Uni or CompletionStage");
        }
        return BLOCKING;
    }
}
