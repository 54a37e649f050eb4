package org.acupressurecds.decision;

import jakarta.ws.rs.core.Response;
import org.acupressurecds.http.Problem;
import org.acupressurecds.store.RecordStore;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The decision record's failures as problem responses, in every channel: the layer that throws them maps them. */
public class RecordProblems {

    /** No answer without its record: a decision that could not be kept is not given. */
    @ServerExceptionMapper
    public Response notRecorded(DecisionRecorder.NotKept e) {
        return Problem.response(new Problem("about:blank", "Service Unavailable", 503,
                "The decision could not be recorded, so it is not given; try again shortly.", null));
    }

    @ServerExceptionMapper
    public Response storeUnavailable(RecordStore.Unavailable e) {
        return Problem.response(new Problem("about:blank", "Service Unavailable", 503,
                "The decision record cannot be reached just now; try again shortly.", null));
    }
}
