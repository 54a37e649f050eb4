package org.acupressurecds.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a request in canonical form (keys sorted, no spaces), so the same request always gives the same digest. */
public final class RequestDigest {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private RequestDigest() {
    }

    public static String of(JsonNode request) {
        try {
            Object sorted = CANONICAL.treeToValue(request, Object.class); // maps, so the keys can be ordered
            byte[] canonical = CANONICAL.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a request", e);
        }
    }
}
