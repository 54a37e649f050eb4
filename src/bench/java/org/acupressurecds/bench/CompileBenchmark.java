package org.acupressurecds.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiling the real rules/ into a rule set: cold (the first compile in a fresh JVM, as at startup) and warm (a
 * reload in a running service), with the service's logging (EngineLogging).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CompileBenchmark {

    /** The service's one loader, as a reload uses it: its cache of class names that do not exist already filled. */
    private final RuleSetLoader reloads = new RuleSetLoader();

    @Setup(Level.Trial)
    public void logAsTheServiceDoes() {
        EngineLogging.asTheServiceDoes();
    }

    /** The first compile in a JVM: each fork compiles once. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5, jvmArgsAppend = "-Xmx512m")
    public RuleSet compileCold() throws RuleSetException {
        return new RuleSetLoader().load(Path.of("rules"));
    }

    /** A reload: the compiler already warm. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 3, time = 5)
    @Fork(value = 1, jvmArgsAppend = "-Xmx512m")
    public RuleSet compileWarm() throws RuleSetException {
        return reloads.load(Path.of("rules"));
    }
}
