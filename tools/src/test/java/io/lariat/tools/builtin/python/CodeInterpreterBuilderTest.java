package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeInterpreterBuilderTest {

    @Test
    void anUnknownPreloadedModuleFailsTheFirstSessionWithItsName() {
        try (CodeInterpreter python = CodeInterpreter.builder().warmWorkers(0)
                .preloadedModules(List.of("no_such_module")).build();
             PythonSession session = python.open()) {
            CodeInterpreterException e = assertThrows(CodeInterpreterException.class, () -> session.run("1"));
            assertEquals("cannot preload Python module 'no_such_module': ModuleNotFoundError: No module named "
                    + "'no_such_module'", e.getMessage());
        }
    }

    @Test
    void rejectsANegativePoolSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeInterpreter.builder().warmWorkers(-1));
        assertEquals("warmWorkers must not be negative, got -1", e.getMessage());
    }

    @Test
    void rejectsSomethingThatIsNotAModuleName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeInterpreter.builder().preloadedModules(List.of("os; import socket")));
        assertEquals("not a Python module name: 'os; import socket'", e.getMessage());
    }
}
