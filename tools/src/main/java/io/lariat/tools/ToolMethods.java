package io.lariat.tools;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds {@link Tool} methods on a class and its superclasses (so CDI client proxies, which are subclasses without
 * the annotations, still expose the bean's tools). Stateless.
 */
public final class ToolMethods {

    private ToolMethods() {
    }

    /** Whether the class or one of its superclasses declares a {@link Tool} method. */
    public static boolean hasToolMethods(Class<?> type) {
        return !find(type).isEmpty();
    }

    /** The {@link Tool} methods, most-derived declaration first, each signature once. */
    static List<Method> find(Class<?> type) {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                String signature = method.getName() + List.of(method.getParameterTypes());
                if (method.isAnnotationPresent(Tool.class) && seen.add(signature)) {
                    found.add(method);
                }
            }
        }
        found.sort((a, b) -> a.getName().compareTo(b.getName()));
        return found;
    }

    /** The snake_case form of a camelCase name: {@code currentTemperature} → {@code current_temperature}. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
