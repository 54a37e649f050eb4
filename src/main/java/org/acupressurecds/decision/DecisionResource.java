package org.acupressurecds.decision;

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

/** The decision record, for auditors: search it and read a decision whole. Every read is recorded. */
@Path("/api/v1/decisions")
@Tag(name = "Decision record", description = "For auditors: every decision, pseudonymised; every read is itself recorded")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionRecords records;
    private final SecurityIdentity identity;

    DecisionResource(DecisionRecords records, SecurityIdentity identity) {
        this.records = records;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Search the decisions, newest first")
    public DecisionRecords.Page search(@Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        DecisionQuery query = DecisionQuery.parse(uri.getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return records.search(query, Requester.of(identity).inLog(), RecordReads.described(uri));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One decision whole: facts, rules fired, missing data, card and feedback")
    public DecisionRecords.Whole decision(@PathParam("id") String id, @Context UriInfo uri) {
        return records.find(id, Requester.of(identity).inLog(), RecordReads.described(uri))
                .orElseThrow(() -> new NotFoundException("No decision '" + id + "' is on record."));
    }
}
