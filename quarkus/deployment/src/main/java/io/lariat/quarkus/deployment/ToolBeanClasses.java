package io.lariat.quarkus.deployment;

import io.lariat.tools.Tool;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/** The classes of an index that declare {@link Tool} methods, and the classes that inherit them. Stateless. */
final class ToolBeanClasses {

    static final DotName TOOL = DotName.createSimple(Tool.class);

    private ToolBeanClasses() {
    }

    /** Names of the classes declaring {@code @Tool} methods and of their subclasses, sorted. */
    static Set<DotName> find(IndexView index) {
        Set<DotName> found = new TreeSet<>();
        for (AnnotationInstance tool : index.getAnnotations(TOOL)) {
            if (tool.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            ClassInfo declaring = tool.target().asMethod().declaringClass();
            found.add(declaring.name());
            index.getAllKnownSubclasses(declaring.name()).forEach(sub -> found.add(sub.name()));
        }
        return found;
    }
}
