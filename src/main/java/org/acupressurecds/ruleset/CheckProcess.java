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
import java.util.stream.Stream;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RulesSnapshot;
import org.jboss.logging.Logger;

/**
 * Drafts are checked in a process of their own, where a rule that runs away can be stopped: the service starts it on
 * the first check (its own code, with the command {@code checker}), sends it one request per line and waits for its
 * answer within a limit on the CPU time it uses. A check that does not answer within it, or whose rules were too slow,
 * ends the process, so nothing of the draft keeps running; an idle process ends after a while, and the next check
 * starts another. The process has a small heap of its own: a draft that fills it ends the process, not the service.
 * It runs niced, so a reload leaves the cores to the requests; a check that a load leaves next to no CPU is ended and
 * run again at the service's priority, so under load a reload is late, never starved.
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
    /** What starts the process niced: nice(1) and its niceness; empty where not niced, or the system lacks nice(1). */
    private final List<String> nicedBy;
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rule-check-process-janitor");
        t.setDaemon(true);
        return t;
    });
    private Process process;
    /** Whether the process runs niced: not after a check was starved, until it ends. */
    private boolean niced;
    /** The process the last check was sent to, kept after it ends; read while a check runs. */
    private volatile ProcessHandle lastChecker;
    private Writer requests;
    private BlockingQueue<String> answers;
    private long lastUsed;

    @Inject
    CheckProcess(CdsConfig config) {
        this(config.rules().checkTimeout(), config.rules().checkIdle(), config.rules().checkNiceness());
    }

    /**
     * timeout: how much CPU time a check may use before the process is stopped; idle: how long an unused process lives;
     * niceness: how much lower its priority is than the service's (0: the same).
     */
    CheckProcess(Duration timeout, Duration idle, int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("cds.rules.check-niceness is " + niceness + ": it is 0 to 19");
        }
        this.timeout = timeout;
        this.idle = idle;
        this.nicedBy = niceness == 0 ? List.of() : nice(niceness);
        if (niceness > 0 && nicedBy.isEmpty()) {
            LOG.warnf("cds.rules.check-niceness is %d, but this system has no nice(1): the rule check's process runs at "
                    + "the service's priority", niceness);
        }
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
        String line;
        try {
            send(request, !nicedBy.isEmpty());
            line = awaitAnswer();
            if (line == STARVED) {
                LOG.infof("The rule check's process (niced) had next to no CPU for %s under the load: checked again "
                        + "at the service's priority", BoundedRun.seconds(STARVED_AFTER));
                end();
                send(request, false);
                line = awaitAnswer();
            }
        } catch (IOException e) {
            end();
            return failed(folder, "the check could not be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end();
            return failed(folder, "the check was interrupted and stopped");
        }
        if (line == null) {
            end();
            return failed(folder, "the check did not finish within " + BoundedRun.within(timeout) + " and was stopped, so "
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

    /**
     * Sends the request to the process running, or to a new one, niced or not. A thread of its own writes it: a
     * process that does not read it (too busy, or stuck) holds the writer, and the check's limits still apply.
     */
    private void send(Request request, boolean nicedIfNew) throws IOException {
        if (process == null || !process.isAlive()) {
            start(nicedIfNew);
        }
        lastChecker = process.toHandle();
        String line = JSON.writeValueAsString(request) + "\n";
        Writer to = requests;
        Thread writer = new Thread(() -> {
            try {
                to.write(line);
                to.flush();
            } catch (IOException e) {
                // the process ended: its reader says so
            }
        }, "rule-check-process-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * A niced check that has used less than this share of one core over its first {@link #STARVED_AFTER} is starved by
     * the load: unloaded it uses more than one core, under the benchmark's load (both cores busy) about a third.
     */
    private static final double STARVED_BELOW = 0.1;
    private static final Duration STARVED_AFTER = Duration.ofSeconds(5);
    /** What awaitAnswer returns for a niced check starved by the load. */
    private static final String STARVED = "starved";

    /**
     * The answer; STARVED for a niced check the load leaves next to no CPU; null once the process has used the timeout
     * in CPU time, or BoundedRun.ON_THE_CLOCK times it on the clock.
     */
    private String awaitAnswer() throws InterruptedException {
        ProcessHandle checker = process.toHandle();
        Optional<Duration> cpuBefore = checker.info().totalCpuDuration();
        long started = System.nanoTime();
        long poll = Math.max(10, Math.min(250, timeout.toMillis() / 4));
        for (;;) {
            String line = answers.poll(poll, TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
            long onTheClock = System.nanoTime() - started;
            // Where the system does not tell a process's CPU time (Linux does), the clock is the limit.
            long used = checker.info().totalCpuDuration().flatMap(now -> cpuBefore.map(now::minus))
                    .map(Duration::toNanos).orElse(onTheClock);
            if (BoundedRun.spent(used, onTheClock, timeout)) {
                return null;
            }
            if (niced && onTheClock > STARVED_AFTER.toNanos() && used < onTheClock * STARVED_BELOW) {
                return STARVED;
            }
        }
    }

    /** The exit code the process gives when its heap is full (-XX:+ExitOnOutOfMemoryError). */
    static final int OUT_OF_MEMORY = 3;

    private static Answer failed(String folder, String why) {
        return new Answer(null, List.of(new RuleProblem(Kind.CHECK, folder, null, null, why)), true, null, null);
    }

    private void start(boolean niced) throws IOException {
        List<String> command = new ArrayList<>(niced ? nicedBy : List.of());
        command.addAll(command());
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        this.niced = niced;
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

    /** What starts a command niced: nice(1), where the system has it (coreutils); elsewhere nothing. */
    private static List<String> nice(int niceness) {
        return Stream.of("/usr/bin/nice", "/bin/nice").filter(nice -> new File(nice).canExecute()).findFirst()
                .map(nice -> List.of(nice, "-n", Integer.toString(niceness))).orElse(List.of());
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
    Optional<ProcessHandle> lastChecker() {
        return Optional.ofNullable(lastChecker);
    }

    @PreDestroy
    @Override
    public void close() {
        janitor.shutdownNow();
        end();
    }
}
