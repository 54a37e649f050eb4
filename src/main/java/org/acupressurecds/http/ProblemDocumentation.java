package org.acupressurecds.http;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Every operation's errors in the OpenAPI document: an RFC 9457 problem (application/problem+json), whose errors
 * member names each bad field with its allowed values. Documented once here rather than on every method.
 */
public class ProblemDocumentation implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Schema error = typed(Schema.SchemaType.OBJECT)
                .addProperty("field", typed(Schema.SchemaType.STRING)
                        .description("The field, parameter or header at fault, e.g. painScore or redFlags[1]"))
                .addProperty("message", typed(Schema.SchemaType.STRING))
                .addProperty("allowedValues", typed(Schema.SchemaType.ARRAY)
                        .items(typed(Schema.SchemaType.STRING))
                        .description("Present when the field takes one of a vocabulary"));
        api.getComponents().addSchema("Problem", typed(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", typed(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", typed(Schema.SchemaType.STRING))
                .addProperty("status", typed(Schema.SchemaType.INTEGER))
                .addProperty("detail", typed(Schema.SchemaType.STRING))
                .addProperty("errors", typed(Schema.SchemaType.ARRAY).items(error)));
        api.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(this::problems));
    }

    private static Schema typed(Schema.SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }

    private void problems(Operation operation) {
        if (operation.getResponses() == null) {
            operation.responses(OASFactory.createAPIResponses());
        }
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error: 400 names every bad field, 401 and 403 the access rule, 413 a body too large, "
                        + "503 a decision that could not be recorded")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(REF)))));
    }
}
