package io.lariat.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a {@link Tool} method, or one field or record component of a parameter's type.
 *
 * <p>A parameter is required unless {@link #required()} is false, it has a {@link #defaultValue()}, or its type
 * is {@code Optional}. The default is written as JSON ({@code "10"}, {@code "[1, 2]"}) or, for string-like types
 * (strings, enums, dates), as the plain text; it is checked against the parameter type at registration.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface ToolParam {

    /** Marker meaning "no default value"; never a real default. */
    String NO_DEFAULT = "\u0000lariat:no-default\u0000";

    /** What the parameter means, written for the model. */
    String value() default "";

    /** The JSON property name; empty means the Java parameter name (compile with {@code -parameters}). */
    String name() default "";

    /** Whether the model must supply the parameter. */
    boolean required() default true;

    /** The value used when the model omits the parameter; {@link #NO_DEFAULT} means none. */
    String defaultValue() default NO_DEFAULT;
}
