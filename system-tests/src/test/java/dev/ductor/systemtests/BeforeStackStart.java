package dev.ductor.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method of a {@link DuctorSystemTest} class, without parameters, that prepares the class's stack (the
 * {@link DuctorStack} its constructor was given) before the services start. Until then the stack's
 * {@code claude} answers with the {@code claude-hello} sample.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface BeforeStackStart {}
