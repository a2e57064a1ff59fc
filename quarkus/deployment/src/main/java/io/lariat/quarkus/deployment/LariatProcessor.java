package io.lariat.quarkus.deployment;

import io.lariat.agent.AgentRuntime;
import io.lariat.quarkus.AgentDeclarationException;
import io.lariat.quarkus.runtime.AgentInterfaceRecorder;
import io.lariat.quarkus.runtime.ModelMeters;
import io.lariat.quarkus.runtime.ModelReadiness;
import io.lariat.quarkus.runtime.StoredModelNames;
import io.lariat.tools.ToolDefinitionException;
import io.lariat.tools.ToolRegistry;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

/**
 * The build steps of the Lariat extension.
 *
 * <p>Tool beans are found in the Jandex index and kept although nothing injects them (configured agents look them
 * up by class name); every bean with {@code @Tool} methods is then checked by the tools module's own rules, so a
 * broken tool fails the build rather than the first request. {@code @LariatAgent} interfaces are checked the same
 * way and implemented as synthetic beans.
 */
class LariatProcessor {

    static final String FEATURE = "lariat";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem runtimeBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(StoredModelNames.class, ModelReadiness.class,
                        ModelMeters.class)
                .setUnremovable().build();
    }

    @BuildStep
    UnremovableBeanBuildItem keepToolBeans(CombinedIndexBuildItem index) {
        Set<DotName> classes = ToolBeanClasses.find(index.getIndex());
        return UnremovableBeanBuildItem.beanClassNames(classes.stream().map(DotName::toString)
                .collect(Collectors.toSet()));
    }

    @BuildStep
    void readAgentInterfaces(CombinedIndexBuildItem index, BuildProducer<AgentInterfaceBuildItem> agents) {
        AgentDeclarations.read(index.getIndex(), ToolBeanClasses.find(index.getIndex())).forEach(agents::produce);
    }

    @BuildStep
    void checkToolBeans(ValidationPhaseBuildItem validation, CombinedIndexBuildItem index,
                        List<AgentInterfaceBuildItem> agents, BuildProducer<ValidationErrorBuildItem> errors) {
        Set<DotName> toolClasses = ToolBeanClasses.find(index.getIndex());
        Set<String> beans = new TreeSet<>();
        validation.getContext().beans().classBeans().stream().map(bean -> bean.getBeanClass())
                .filter(toolClasses::contains).forEach(name -> beans.add(name.toString()));
        for (AgentInterfaceBuildItem agent : agents) {
            agent.toolClasses().stream().filter(tool -> !beans.contains(tool)).findFirst().ifPresent(tool ->
                    errors.produce(new ValidationErrorBuildItem(new AgentDeclarationException(agent.where(),
                            "tools: " + AgentDeclarations.simpleName(DotName.createSimple(tool))
                                    + " is not a CDI bean; annotate it with @ApplicationScoped"))));
        }
        List<Class<?>> types = new ArrayList<>();
        beans.forEach(name -> types.add(load(name)));
        try {
            ToolRegistry.check(types);
        } catch (ToolDefinitionException e) {
            errors.produce(new ValidationErrorBuildItem(e));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void implementAgentInterfaces(List<AgentInterfaceBuildItem> agents, AgentInterfaceRecorder recorder,
                                  BuildProducer<SyntheticBeanBuildItem> beans) {
        for (AgentInterfaceBuildItem agent : agents) {
            DotName type = DotName.createSimple(agent.interfaceName());
            beans.produce(SyntheticBeanBuildItem.configure(type).types(ClassType.create(type))
                    .scope(Singleton.class).setRuntimeInit().unremovable()
                    .addInjectionPoint(ClassType.create(DotName.createSimple(AgentRuntime.class)))
                    .createWith(recorder.implement(agent.interfaceName(), agent.name())).done());
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void declareAgents(List<AgentInterfaceBuildItem> agents, AgentInterfaceRecorder recorder) {
        for (AgentInterfaceBuildItem agent : agents) {
            recorder.declare(agent.name(), agent.systemPrompt(), agent.toolClasses(), agent.builtins());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("tool bean class " + name + " is in the index but cannot be loaded", e);
        }
    }
}
