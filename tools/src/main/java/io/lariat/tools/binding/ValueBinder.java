package io.lariat.tools.binding;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds one JSON value to a Java type with {@link JsonBinding}'s coercions, turning every Jackson failure into an
 * {@link ArgumentException} with a JSON path and a message written for the model.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueBinder {

    private ValueBinder() {
    }

    /**
     * Binds {@code value} (found at {@code path}) to {@code type}.
     *
     * @throws ArgumentException if the value does not fit the type
     */
    public static Object bind(JsonNode value, Type type, String path) {
        try {
            var reader = JsonBinding.mapper().readerFor(JsonBinding.mapper().constructType(type));
            return reader.readValue(value);
        } catch (JsonMappingException e) {
            throw translate(e, value, path);
        } catch (InputCoercionException e) {
            throw new ArgumentException(path, "expected " + Expectations.expected(e.getTargetType())
                    + ", got " + Expectations.actual(value) + " (out of range)");
        } catch (JacksonException e) {
            throw new ArgumentException(path, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ArgumentException(path, firstLine(e.getMessage()));
        }
    }

    private static ArgumentException translate(JsonMappingException e, JsonNode root, String basePath) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String path = basePath + pathSuffix(refs);
        JsonNode actual = navigate(root, refs);
        return switch (e) {
            case UnrecognizedPropertyException u -> new ArgumentException(path, "unknown property; expected one of "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
            case ValueInstantiationException v -> new ArgumentException(path,
                    firstLine(v.getCause() != null ? v.getCause().getMessage() : v.getOriginalMessage()));
            case InvalidFormatException f -> new ArgumentException(path, "expected "
                    + Expectations.expected(f.getTargetType()) + ", got " + Expectations.actual(f.getValue()));
            case MismatchedInputException m when m.getTargetType() != null -> new ArgumentException(path,
                    "expected " + Expectations.expected(m.getTargetType()) + ", got " + Expectations.actual(actual));
            default -> new ArgumentException(path, firstLine(e.getOriginalMessage()));
        };
    }

    private static String pathSuffix(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode navigate(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            if (ref.getFieldName() != null) {
                node = node.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                node = node.isArray() ? node.get(ref.getIndex()) : node;
            }
        }
        return node;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
