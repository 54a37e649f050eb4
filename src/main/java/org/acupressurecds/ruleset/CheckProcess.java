package org.acupressurecds.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RulesSnapshot;
import org.jboss.logging.Logger;

/**
 * Drafts are checked in a process of their own, where a rule that runs away can be stopped: the service starts it on
 * the first check (its own code, with the command {@code checker}), sends it one request per line and waits for its
 * answer within a time limit. A check that does not answer in time, or whose rules were too slow, ends the process,
 * so nothing of the draft keeps running; an idle process ends after a while, and the next check starts another. The
 * process has a small heap of its own: a draft that fills it ends the process, not the service.
 */
@ApplicationScoped
public class CheckProcess implements AutoCloseable {

    /**
     * What to check: the files of a rules snapshot (name to content) and the folder problems name them in; against,
     * the files of the rules serving (name to content), to answer beside them (null: no diff); impactRows, decisions
     * exported for a replay over impactPeriod (null: none).
     */
    record Request(String folder, Map<String, byte[]> files, Map<String, String> against, String impactRows,
            Period impactPeriod) {
    }

    /** What the check found: version null where the rules did not load; tooSlow where they ran out of time. */
    record Answer(String version, List<RuleProblem> problems, boolean tooSlow, DecisionDiff diff,
            ImpactAnalysis.Impact impact) {
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Logger LOG = Logger.getLogger(CheckProcess.class);
    /** The process's heap: the bundled rules are checked in well under half of it. */
    static final String HEAP = "-Xmx256m";
    private static final String END = "end of input";

    private final Duration timeout;
    private final Duration idle;
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rule-check-process-janitor");
        t.setDaemon(true);
        return t;
    });
    private Process process;
    /** The process the last check was sent to, kept after it ends. */
    private ProcessHandle lastChecker;
    private Writer requests;
    private BlockingQueue<String> answers;
    private long lastUsed;

    @Inject
    CheckProcess(CdsConfig config) {
        this(config.rules().checkTimeout(), config.rules().checkIdle());
    }

    /** timeout: how long a check may take before the process is stopped; idle: how long an unused process lives. */
    CheckProcess(Duration timeout, Duration idle) {
        this.timeout = timeout;
        this.idle = idle;
        janitor.scheduleWithFixedDelay(this::endIfIdle, idle.toMillis(), Math.max(1000, idle.toMillis() / 4),
                TimeUnit.MILLISECONDS);
    }

    /** A snapshot checked as it was read: the process never reads the rules folder itself. */
    Answer check(RulesSnapshot rules, Map<String, String> against, Path impactRows, Period impactPeriod) {
        return check(new Request(rules.folder(), rules.files(), against,
                impactRows == null ? null : impactRows.toAbsolutePath().toString(), impactPeriod));
    }

    synchronized Answer check(Request request) {
        String folder = request.folder();
        lastUsed = System.nanoTime();
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
            lastChecker = process.toHandle();
            requests.write(JSON.writeValueAsString(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            end();
            return failed(folder, "the check could not be started (" + e.getMessage() + ")");
        }
        String line;
        try {
            line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
            return failed(folder, "the check was interrupted and stopped");
        }
        if (line == null) {
            end();
            return failed(folder, "the check did not finish within " + BoundedRun.seconds(timeout) + " and was stopped, so "
                    + "nothing of these rules keeps running: a condition that matches too many combinations of facts, "
                    + "or a chain of conclusions that never ends");
        }
        if (line == END) {
            int code = exitCode();
            end();
            return failed(folder, code == OUT_OF_MEMORY ? "the check ran out of memory (" + HEAP.substring(4) + ") and was "
                    + "stopped: a condition that matches too many combinations of facts, or conclusions that grow "
                    + "without end" : "the check's process ended unexpectedly (exit code " + code + ")");
        }
        try {
            Answer answer = JSON.readValue(line, Answer.class);
            if (answer.tooSlow()) {
                end(); // its evaluation threads may still be running the draft
            }
            lastUsed = System.nanoTime();
            return answer;
        } catch (JsonProcessingException e) {
            end();
            return failed(folder, "the check's answer could not be read (" + e.getOriginalMessage() + ")");
        }
    }

    /** The exit code the process gives when its heap is full (-XX:+ExitOnOutOfMemoryError). */
    static final int OUT_OF_MEMORY = 3;

    private static Answer failed(String folder, String why) {
        return new Answer(null, List.of(new RuleProblem(Kind.CHECK, folder, null, null, why)), true, null, null);
    }

    private void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD);
        process = builder.start();
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        answers = lines;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("{")) { // an answer; anything else a library printed is not
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended: said below
            }
            lines.add(END);
        }, "rule-check-process-reader");
        reader.setDaemon(true);
        reader.start();
        LOG.debugf("Rule check process %d started", process.pid());
    }

    /** This JVM's java, running this code's main with the command checker, on the service's own classes. */
    static List<String> command() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        if (classpath.endsWith("quarkus-run.jar") && !classpath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classpath)); // the packaged service: its runner finds the application
        } else {
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath(classpath)),
                    "org.acupressurecds.Main"));
        }
        command.add(CheckServer.COMMAND);
        return command;
    }

    /**
     * The class path the service's code runs on, from its class loader: in dev mode and in tests that is not the
     * JVM's class path (dev mode starts from a launcher jar). Our own classes first, then every jar with a manifest.
     */
    private static List<String> classpath(String jvmClasspath) {
        Set<String> roots = new LinkedHashSet<>();
        ClassLoader loader = CheckProcess.class.getClassLoader();
        try {
            rootOf(loader.getResource("org/acupressurecds/Main.class"), "org/acupressurecds/Main.class")
                    .ifPresent(roots::add);
            for (URL manifest : Collections.list(loader.getResources("META-INF/MANIFEST.MF"))) {
                rootOf(manifest, "META-INF/MANIFEST.MF").ifPresent(roots::add);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("The class loader's class path could not be read (%s): the JVM's is used", e.getMessage());
        }
        roots.addAll(List.of(jvmClasspath.split(File.pathSeparator)));
        return List.copyOf(roots);
    }

    /** The jar or folder a resource was found in, where it is a file. */
    private static Optional<String> rootOf(URL resource, String name) {
        if (resource == null) {
            return Optional.empty();
        }
        String url = resource.toString();
        try {
            if (url.startsWith("jar:file:") && url.contains("!/")) {
                return Optional.of(Path.of(URI.create(url.substring(4, url.indexOf("!/")))).toString());
            }
            if (url.startsWith("file:") && url.endsWith(name)) {
                return Optional.of(Path.of(URI.create(url.substring(0, url.length() - name.length()))).toString());
            }
        } catch (IllegalArgumentException e) {
            // not a file: such an element is not on any class path a JVM can start from
        }
        return Optional.empty();
    }

    private int exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private synchronized void endIfIdle() {
        if (process != null && System.nanoTime() - lastUsed > idle.toNanos()) {
            end();
        }
    }

    /** Ends the process and anything it started, at once. */
    private synchronized void end() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Whether a process is running now (for tests). */
    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** The process the last check was sent to, running or ended (for tests). */
    synchronized Optional<ProcessHandle> lastChecker() {
        return Optional.ofNullable(lastChecker);
    }

    @PreDestroy
    @Override
    public void close() {
        janitor.shutdownNow();
        end();
    }
}
