package dev.ductor.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The lifecycle behind {@link DuctorSystemTest}: the stack of a test class lives in the class's store,
 * created when first asked for (the test instance's constructor comes before {@code beforeAll}),
 * prepared by the class's {@link BeforeStackStart} methods and started in {@code beforeAll}. JUnit closes
 * it with the class's store: the services stop, the namespace and the working directory are deleted.
 */
final class DuctorStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DuctorStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        DuctorStack stack = stack(context);
        Object instance = context.getRequiredTestInstance();
        for (Method prepare : AnnotationSupport.findAnnotatedMethods(
                context.getRequiredTestClass(), BeforeStackStart.class, HierarchyTraversalMode.TOP_DOWN)) {
            ReflectionSupport.invokeMethod(prepare, instance);
        }
        stack.start();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DuctorStack.class;
    }

    @Override
    public DuctorStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static DuctorStack stack(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(DuctorStack.class, type -> newStack(), StackInDirectory.class)
                .stack();
    }

    private static StackInDirectory newStack() {
        try {
            Path work = Files.createTempDirectory("ductor-system-test");
            return new StackInDirectory(new DuctorStack(work), work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the store closes: the stack, then its working directory (DUCTOR_HOME, the fake CLIs). */
    private record StackInDirectory(DuctorStack stack, Path work) implements AutoCloseable {

        @Override
        public void close() {
            try {
                stack.close();
            } finally {
                try (Stream<Path> files = Files.walk(work)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // A temporary directory left behind fails no test.
                }
            }
        }
    }
}
