package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.decision.RequestDigest;
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
 * A CDS Hooks call's own work in process, before the rules decide: the body read, the spec's tolerance, the strict
 * binding, the prefetch parsed into FHIR resources and read into patient facts; and, apart, the request's digest for
 * the decision record. The call is src/bench/hook-call.py's, from a real Synthea record, as in the HTTP benchmark.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 3, jvmArgsAppend = "-Xmx512m") // HAPI's parsing varies by a third from one JVM's compilation to another's
@State(Scope.Benchmark)
public class HookBenchmark {

    private final ObjectMapper json = new ObjectMapper();
    private final StrictBinder binder = new StrictBinder(json);
    private final PrefetchResolver prefetch = new PrefetchResolver(FhirContext.forR4(), null, Duration.ofSeconds(10));
    private byte[] body;
    private JsonNode tree;
    private RuleSet rules;

    @Setup(Level.Trial)
    public void prepare() throws IOException, InterruptedException, RuleSetException {
        EngineLogging.asTheServiceDoes();
        Path record;
        try (Stream<Path> samples = Files.list(Path.of("src/test/resources/fhir-samples/synthea-r4"))) {
            record = samples.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        Process python = new ProcessBuilder("python3", "src/bench/hook-call.py", record.toString()).start();
        body = python.getInputStream().readAllBytes();
        if (python.waitFor() != 0 || body.length == 0) {
            throw new IllegalStateException("src/bench/hook-call.py failed: "
                    + new String(python.getErrorStream().readAllBytes()));
        }
        tree = json.readTree(body);
        rules = new RuleSetLoader().load(Path.of("rules"));
    }

    /** From the bytes of the body to the patient's facts, as the service reads a patient-view call. */
    @Benchmark
    public FhirReading readTheCall() throws IOException {
        JsonNode tree = SpecTolerance.withoutUnused(json.readTree(body));
        HookRequest request = binder.bind(tree, HookRequest.class, HookRequest::problems);
        return new FhirPatientReader(rules.codes(), ZoneId.systemDefault())
                .read(prefetch.resolve(request, List.of()).join(), request.context().patientId(), LocalDate.now());
    }

    /** The digest the decision record keeps of the call. */
    @Benchmark
    public String digestTheCall() {
        return RequestDigest.of(tree);
    }
}
