package org.acupressurecds;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that runs on the second core, beside the tests that start the service (which keep to one thread:
 * Quarkus runs one application at a time). For plain, CPU-bound classes with their own folders, stores and
 * processes, that touch no global state. The lock lets one such class run at a time, its tests one after another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(BesideTheService.SECOND_CORE)
public @interface BesideTheService {

    /** Held by each such class; a class that must not share the process with them (it measures its CPU) holds it too. */
    String SECOND_CORE = "the second core";
}
