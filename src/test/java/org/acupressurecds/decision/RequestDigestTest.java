package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RequestDigestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDigestIsTheSha256OfTheCanonicalFormKeysSortedAtEveryDepthWithoutSpaces() throws Exception {
        JsonNode request = json.readTree("""
                { "b": [ {"z": 1.5, "a": null}, true, "é\\"x" ], "a": { "y": -2, "x": "1" } }""");

        assertEquals(sha256("{\"a\":{\"x\":\"1\",\"y\":-2},\"b\":[{\"a\":null,\"z\":1.5},true,\"é\\\"x\"]}"),
                RequestDigest.of(request));
    }

    @Test
    void theSameRequestWrittenAnotherWayGivesTheSameDigest() throws Exception {
        assertEquals(RequestDigest.of(json.readTree("{\"painScore\":5,\"redFlags\":[]}")),
                RequestDigest.of(json.readTree("{ \"redFlags\" : [ ],\n \"painScore\" : 5 }")));
    }

    @Test
    void aLeftOutFieldIsNotHashedAndOnlyAtTheTop() throws Exception {
        JsonNode withToken = json.readTree("{\"hook\":\"patient-view\",\"fhirAuthorization\":{\"access_token\":\"s\"}}");
        JsonNode withoutToken = json.readTree("{\"hook\":\"patient-view\"}");
        assertEquals(RequestDigest.of(withoutToken), RequestDigest.of(withToken, "fhirAuthorization"));

        JsonNode nested = json.readTree("{\"context\":{\"fhirAuthorization\":1}}");
        assertEquals(sha256("{\"context\":{\"fhirAuthorization\":1}}"), RequestDigest.of(nested, "fhirAuthorization"));
    }

    @Test
    void differentRequestsGiveDifferentDigests() throws Exception {
        assertNotEquals(RequestDigest.of(json.readTree("{\"painScore\":5}")),
                RequestDigest.of(json.readTree("{\"painScore\":6}")));
    }

    private static String sha256(String canonical) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
