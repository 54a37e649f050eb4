package org.acupressurecds.ruleset;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.http.Requester;
import org.acupressurecds.store.RecordReads;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every load, reload and validate of the rules, newest first, and one whole with its problems and diff. */
@Path("/api/v1/ruleset/events")
@Tag(name = "Rule set")
@Produces(MediaType.APPLICATION_JSON)
public class RuleSetHistoryResource {

    private final RuleSetHistory history;
    private final SecurityIdentity identity;

    RuleSetHistoryResource(RuleSetHistory history, SecurityIdentity identity) {
        this.history = history;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every load, reload and validate, newest first")
    public RuleSetHistory.Page search(@Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        RuleSetHistory.Query query = RuleSetHistory.Query.parse(uri.getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return history.search(query, Requester.of(identity).inLog(), RecordReads.described(uri));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rule-set event with its problems and unified diff")
    public RuleSetHistory.Whole event(@PathParam("id") String id, @Context UriInfo uri) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(List.of(new FieldError("id", "must be a rule-set event's number")));
        }
        return history.find(number, Requester.of(identity).inLog(), RecordReads.described(uri))
                .orElseThrow(() -> new NotFoundException("No rule-set event " + id + " is on record."));
    }
}
