package org.acupressurecds.knowledge;

/** A fact that was not given, and the check that therefore did not run. */
@Meaning("A fact that was not given, and the check that therefore did not run. Concluded by `missing-data.drl`.")
public record MissingData(
        @Meaning("the request field that is missing, e.g. `painScore`")
        String field,
        String reason) implements Explained {
}
