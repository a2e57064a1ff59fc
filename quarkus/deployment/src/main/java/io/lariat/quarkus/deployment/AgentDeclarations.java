package io.lariat.quarkus.deployment;

import io.lariat.agent.AgentEvent;
import io.lariat.quarkus.AgentDeclarationException;
import io.lariat.quarkus.LariatAgent;
import io.lariat.tools.BuiltinTools;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/** Reads and checks the {@link LariatAgent} interfaces of an index. Stateless. */
final class AgentDeclarations {

    static final DotName LARIAT_AGENT = DotName.createSimple(LariatAgent.class);
    private static final DotName STRING = DotName.createSimple(String.class);
    private static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    private static final DotName MULTI = DotName.createSimple("io.smallrye.mutiny.Multi");
    private static final DotName AGENT_EVENT = DotName.createSimple(AgentEvent.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private AgentDeclarations() {
    }

    /**
     * The declared agents, sorted by interface name.
     *
     * @param toolClasses the classes that declare or inherit {@code @Tool} methods
     * @throws AgentDeclarationException on the first broken rule
     */
    static List<AgentInterfaceBuildItem> read(IndexView index, Set<DotName> toolClasses) {
        List<AnnotationInstance> annotations = new ArrayList<>(index.getAnnotations(LARIAT_AGENT));
        annotations.sort((a, b) -> a.target().asClass().name().compareTo(b.target().asClass().name()));
        Map<String, String> names = new HashMap<>();
        List<AgentInterfaceBuildItem> agents = new ArrayList<>();
        for (AnnotationInstance annotation : annotations) {
            AgentInterfaceBuildItem agent = readOne(annotation.target().asClass(), annotation, toolClasses);
            String previous = names.putIfAbsent(agent.name(), agent.where());
            if (previous != null) {
                throw new AgentDeclarationException(agent.where(), "agent name '" + agent.name()
                        + "' is also declared by " + previous);
            }
            agents.add(agent);
        }
        return agents;
    }

    private static AgentInterfaceBuildItem readOne(ClassInfo type, AnnotationInstance annotation,
                                                   Set<DotName> toolClasses) {
        String where = simpleName(type.name());
        if (!Modifier.isInterface(type.flags())) {
            throw new AgentDeclarationException(where, "@LariatAgent belongs on an interface");
        }
        String name = annotation.value("name").asString();
        if (!NAME.matcher(name).matches()) {
            throw new AgentDeclarationException(where, "agent name '" + name
                    + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
        AnnotationValue prompt = annotation.value("systemPrompt");
        List<String> tools = new ArrayList<>();
        AnnotationValue toolValue = annotation.value("tools");
        for (Type tool : toolValue == null ? new Type[0] : toolValue.asClassArray()) {
            if (!toolClasses.contains(tool.name())) {
                throw new AgentDeclarationException(where, "tools: " + simpleName(tool.name())
                        + " has no @Tool methods");
            }
            tools.add(tool.name().toString());
        }
        AnnotationValue builtinValue = annotation.value("builtins");
        List<String> builtins = builtinValue == null ? List.of() : List.of(builtinValue.asStringArray());
        for (String builtin : builtins) {
            if (!BuiltinTools.NAMES.contains(builtin)) {
                throw new AgentDeclarationException(where, "builtins: '" + builtin + "' is not a built-in tool; "
                        + "expected one of " + String.join(", ", BuiltinTools.NAMES.stream().sorted().toList()));
            }
        }
        checkMethods(type, where);
        return new AgentInterfaceBuildItem(type.name().toString(), where, name,
                prompt == null ? "" : prompt.asString(), tools, builtins);
    }

    private static void checkMethods(ClassInfo type, String where) {
        boolean any = false;
        for (MethodInfo method : type.methods()) {
            if (!Modifier.isAbstract(method.flags())) {
                continue;
            }
            any = true;
            String at = where + "#" + method.name();
            if (method.parametersCount() != 2 || !method.parameterType(0).name().equals(STRING)
                    || !method.parameterType(1).name().equals(STRING)) {
                throw new AgentDeclarationException(at, "an agent method takes (String sessionId, String "
                        + "userMessage)");
            }
            if (!returnsAnswer(method.returnType())) {
                throw new AgentDeclarationException(at, "an agent method returns String, Uni<String> or "
                        + "Multi<AgentEvent>, not " + method.returnType());
            }
        }
        if (!any) {
            throw new AgentDeclarationException(where, "declares no agent method (String sessionId, String "
                    + "userMessage)");
        }
    }

    private static boolean returnsAnswer(Type type) {
        if (type.name().equals(STRING)) {
            return true;
        }
        if (type.kind() != Type.Kind.PARAMETERIZED_TYPE) {
            return false;
        }
        DotName argument = type.asParameterizedType().arguments().getFirst().name();
        return type.name().equals(UNI) && argument.equals(STRING)
                || type.name().equals(MULTI) && argument.equals(AGENT_EVENT);
    }

    /** {@code com.acme.Outer$ShopAgent} → {@code ShopAgent}. */
    static String simpleName(DotName name) {
        String text = name.toString();
        return text.substring(Math.max(text.lastIndexOf('.'), text.lastIndexOf('$')) + 1);
    }
}
