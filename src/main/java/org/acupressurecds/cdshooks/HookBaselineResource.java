package org.acupressurecds.cdshooks;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.http.Requester;

/**
 * The HTTP benchmark's baseline for CDS Hooks, in a build for benchmarks only (built with the profile "bench"; never
 * in the product): the patient-view hook without deciding. It reads and checks the call as the real one does and
 * answers the same cards, decided once for each patient (its prefetch parsed, read, decided, recorded) and then taken
 * from memory.
 */
@IfBuildProfile("bench")
@Path("/bench/cds-services")
public class HookBaselineResource {

    private final HookReader reader;
    private final PrefetchResolver prefetch;
    private final PatientView patientView;
    private final Map<String, Cards> answers = new ConcurrentHashMap<>();

    HookBaselineResource(HookReader reader, PrefetchResolver prefetch, PatientView patientView) {
        this.reader = reader;
        this.prefetch = prefetch;
        this.patientView = patientView;
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Cards call(@PathParam("id") String id, @Context RoutingContext http) throws IOException {
        HookReader.Call call = reader.read(id, http);
        return answers.computeIfAbsent(call.request().context().patientId(), patient -> patientView.decide(
                prefetch.resolve(call.request(), List.of()).join(), patient, Requester.ANONYMOUS,
                RequestDigest.of(call.tree(), "fhirAuthorization")).join());
    }
}
