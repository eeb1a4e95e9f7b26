package dev.ductor.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A system-test class with a {@link DuctorStack} of its own: started once before its first test, stopped
 * after its last, given to the constructor (or any test method) that asks for a {@code DuctorStack}.
 * Methods annotated {@link BeforeStackStart} prepare it (configuration, the fake CLIs the runner probes)
 * before the services start. One test instance per class, as the stack is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DuctorStackExtension.class)
@interface DuctorSystemTest {}
