package org.acupressurecds.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * SHA-256 of a request in canonical form (keys sorted at every depth, no spaces), so the same request always gives
 * the same digest. The form is written straight into the hash as the tree is walked: no copy of a large request.
 */
public final class RequestDigest {

    private static final JsonFactory JSON = new JsonFactory();

    private RequestDigest() {
    }

    /** leftOut: top-level fields the digest does not cover, such as a secret that must not even be hashed. */
    public static String of(JsonNode request, String... leftOut) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (JsonGenerator out = JSON.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
            write(out, request, Set.of(leftOut));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot digest a request", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void write(JsonGenerator out, JsonNode node, Set<String> leftOut) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                if (!leftOut.contains(name)) {
                    out.writeFieldName(name);
                    write(out, node.get(name), Set.of());
                }
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode item : node) {
                write(out, item, Set.of());
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else if (node.isNumber()) {
            node.serialize(out, null); // as it was read: an integer, a double or a big number
        } else {
            throw new IllegalArgumentException("a parsed request holds no " + node.getNodeType());
        }
    }
}
