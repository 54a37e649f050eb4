package org.acupressurecds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;

/** Reads a hook call as the service answers it: the service named, the body within its limit, the spec's tolerance, the strict binding. */
@ApplicationScoped
class HookReader {

    /** tree: the call as read, for its digest in the decision record. */
    record Call(JsonNode tree, HookRequest request) {
    }

    private final JsonBody json;
    private final StrictBinder binder;

    HookReader(JsonBody json, StrictBinder binder) {
        this.json = json;
        this.binder = binder;
    }

    Call read(String serviceId, RoutingContext http) throws IOException {
        requireService(serviceId);
        JsonNode tree = SpecTolerance.withoutUnused(json.read(http));
        return new Call(tree, binder.bind(tree, HookRequest.class, HookRequest::problems));
    }

    static void requireService(String id) {
        if (!CdsHooksResource.SERVICE_ID.equals(id)) {
            throw new NotFoundException("No CDS service '" + id + "'; this server offers '" + CdsHooksResource.SERVICE_ID
                    + "'.");
        }
    }
}
