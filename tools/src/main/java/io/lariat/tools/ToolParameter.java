package io.lariat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;

/**
 * One JSON parameter of a tool method, resolved at registration.
 *
 * @param name JSON property name
 * @param type the Java parameter type
 * @param schema the property's schema, with description and default
 * @param required whether the model must supply it
 * @param defaultValue the value used when it is missing (null when none)
 * @param index position in the Java method's parameter list
 */
record ToolParameter(String name, Type type, ObjectNode schema, boolean required, JsonNode defaultValue,
                     int index) {
}
