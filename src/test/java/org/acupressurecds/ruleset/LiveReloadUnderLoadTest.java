package org.acupressurecds.ruleset;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An author edits rules/positions.drl while requests keep coming: every answer comes from exactly one complete
 * version (its version and its content agree), none fails, and a broken edit leaves the last good rules serving.
 */
@QuarkusTest
@TestProfile(CopiedRules.class)
class LiveReloadUnderLoadTest {

    private static final String PATIENT = """
            {"sciaticaType":"LUMBAR_PARASPINAL_TENSION","redFlags":[],"painScore":3,"assessmentDate":"2026-11-24"}""";

    record Answer(int status, String version, String primaryDuration) {
    }

    @Test
    void everyAnswerDuringReloadsComesFromOneCompleteVersion() throws Exception {
        Path positions = CopiedRules.folder().resolve("positions.drl");
        String original = Files.readString(positions);
        String versionA = version();
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                for (int i = 0; i < 5_000 && !stop.get(); i++) {
                    Response r = given().contentType("application/json").body(PATIENT).post("/api/v1/assessments");
                    JsonPath body = r.jsonPath();
                    answers.add(new Answer(r.statusCode(), body.getString("rulesetVersion"),
                            body.getString("positions.find { it.id == 'LUMBAR_GLUTEAL_SUPINE' }.duration")));
                }
            }));
        }
        try {
            Thread.sleep(300);
            Files.writeString(positions, original.replace("\"15-20 minutes\", 15, 20,", "\"15-25 minutes\", 15, 25,"));
            String versionB = awaitVersionOtherThan(versionA);

            Files.writeString(positions, original.replace("PatientFacts( sedentaryWork == true )", "PatientFacts( sedentryWork == true )"));
            awaitUntil(() -> "REJECTED".equals(given().get("/api/v1/ruleset").jsonPath().getString("lastReload.status")));
            Thread.sleep(300);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }

            assertEquals(versionB, version(), "the last good rules keep serving after a broken edit");
            Map<String, String> durationByVersion = Map.of(versionA, "15-20 minutes", versionB, "15-25 minutes");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Answer a : answers) {
                assertEquals(200, a.status());
                assertTrue(durationByVersion.containsKey(a.version()), "unknown version " + a.version());
                assertEquals(durationByVersion.get(a.version()), a.primaryDuration(), "answer mixes versions: " + a);
                seen.add(a.version());
            }
            assertEquals(Set.of(versionA, versionB), seen, "answers from before and after the reload");
        } finally {
            stop.set(true);
            clients.shutdownNow();
            Files.writeString(positions, original);
        }
    }

    private static String version() {
        return given().get("/api/v1/ruleset").jsonPath().getString("version");
    }

    private static String awaitVersionOtherThan(String version) throws InterruptedException {
        awaitUntil(() -> !version.equals(version()));
        return version();
    }

    private static void awaitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a bound on liveness, not a speed test
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the reload");
            Thread.sleep(50);
        }
    }
}
