package org.acupressurecds.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A caller's request id is echoed only when it is a short id of safe characters: never anything like a token. */
@QuarkusTest
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ParameterizedTest
    @ValueSource(strings = {"trace-42", "3f2b6c1e-8a5d-4a31-9d8e-2f0c6b7a1e90", "a_b-c"})
    void aShortIdIsEchoed(String id) {
        given().header(RequestLogContext.HEADER, id).when().get("/q/health/ready").then()
                .header(RequestLogContext.HEADER, equalTo(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "eyJhbGciOiJub25lIn0",
        "0123456789abcdef0123456789abcdef0123456789", "a b", "trace.42", "-leading-dash"})
    void anythingElseIsReplacedByANewId(String id) {
        given().header(RequestLogContext.HEADER, id).when().get("/q/health/ready").then()
                .header(RequestLogContext.HEADER, matchesPattern(UUID));
    }
}
