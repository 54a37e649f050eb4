package org.acupressurecds.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.acupressurecds.cdshooks.CdsHooksResourceTest;
import org.acupressurecds.cdshooks.Ehr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body is read whole before any thread works on it: callers that send slowly hold connections, never the service.
 * Slow bodies are cut off, and every state-changing call says it sends JSON.
 */
@QuarkusTest
class RequestBodiesTest {

    /** A call that declares a body of a megabyte and sends six bytes of it, then waits. */
    private static Socket slowCall(String path) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n{\"sci").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aBodyThatTricklesIsCutOffWithA408AndItsConnectionClosed() throws Exception {
        try (Socket slow = slowCall("/api/v1/assessments")) {
            long started = System.nanoTime();
            String answer = answer(slow); // to the end: the service closes the connection

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "cut off after " + took);
        }
    }

    /** 250 callers that send their bodies a few bytes at a time cannot keep an emergency card from going out. */
    @Test
    void anEmergencyCardGoesOutWhileSlowBodiesHoldConnections() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                slow.add(slowCall(i % 2 == 0 ? "/api/v1/assessments" : CdsHooksResourceTest.SERVICE));
            }
            long started = System.nanoTime();
            CdsHooksResourceTest.oneCard(Ehr.record().condition(Ehr.ICD10CM, "M54.16").condition(Ehr.ICD10CM, "G83.4"),
                    "critical");
            given().when().get("/q/health/ready").then().statusCode(200);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the emergency card took " + took);

            int refused = 0;
            for (Socket socket : slow) {
                String status = answer(socket).lines().findFirst().orElse("");
                refused += status.startsWith("HTTP/1.1 408") || status.startsWith("HTTP/1.1 429") ? 1 : 0;
            }
            assertEquals(250, refused, "every slow body was cut off");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "multipart/form-data; boundary=x", "application/jsonx"})
    void aStateChangingCallThatIsNotJsonIsRefusedWith415(String contentType) {
        var request = given().body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}"
                .getBytes(StandardCharsets.UTF_8));
        if (!contentType.isEmpty()) {
            request = request.contentType(contentType);
        } else {
            request = request.noContentType();
        }
        request.when().post("/api/v1/assessments").then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Unsupported media type"));
    }

    @Test
    void aReloadWithoutContentTypeIsRefusedWith415() {
        given().noContentType().when().post("/api/v1/ruleset/reload?force=true").then().statusCode(415);
    }

    @Test
    void jsonWithACharsetIsJson() {
        given().contentType("application/json; charset=UTF-8")
                .body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}")
                .when().post("/api/v1/assessments").then().statusCode(200);
    }
}
