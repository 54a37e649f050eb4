package org.acupressurecds.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.acupressurecds.config.CdsConfig;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request's JSON body, as {@link BodyGate} read it before the resource was called (within the size limit and the
 * minimum rate); the 413 problem of a body too large. (A declared length over the limit is refused before reading,
 * by {@link BodyLimit}; Quarkus's own, bare limit sits a little above this one, as a backstop.)
 */
@ApplicationScoped
public class JsonBody {

    /** The body went past the limit while it was read. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body too large", null, false, false);
        }
    }

    private final ObjectMapper mapper;
    private final long max;

    JsonBody(ObjectMapper mapper, CdsConfig config) {
        this.mapper = mapper;
        this.max = config.http().maxBodySize().asLongValue();
    }

    /** The call's body as a JSON tree; null or a missing node for an empty one. */
    public JsonNode read(RoutingContext http) throws IOException {
        Buffer body = BodyGate.of(http);
        return body.length() == 0 ? null : mapper.readTree(new Capped(new ByteArrayInputStream(body.getBytes()), max));
    }

    static String problem(long max) {
        return Json.encode(new Problem("https://acupressure-cds.org/problems/body-too-large", "Body too large", 413,
                "The request body is larger than this service accepts (" + max / (1024 * 1024) + " MiB).", null));
    }

    @ServerExceptionMapper
    public Response tooLarge(TooLarge e) {
        return Response.status(413).type(Problem.MEDIA_TYPE).header("Connection", "close").entity(problem(max)).build();
    }

    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }
    }
}
