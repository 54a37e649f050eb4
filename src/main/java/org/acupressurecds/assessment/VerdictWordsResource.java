package org.acupressurecds.assessment;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.acupressurecds.knowledge.Verdict;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The words of every verdict, from their one table ({@link Verdict}), for the page to show as cards and answers do. */
@Path("/api/v1/verdicts")
@Tag(name = "Assessments")
public class VerdictWordsResource {

    /** A verdict's words: the card's label, the answer's words in a sentence, the page's heading and icon. */
    public record Words(Verdict verdict, String label, String inWords, String heading, String icon) {
    }

    private static final List<Words> TABLE = Arrays.stream(Verdict.values())
            .map(v -> new Words(v, v.label(), v.inWords(), v.heading(), v.icon())).toList();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The words of every verdict, least severe first")
    public List<Words> words() {
        return TABLE;
    }
}
