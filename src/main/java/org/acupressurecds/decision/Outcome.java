package org.acupressurecds.decision;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the clinician did with a card, as CDS Hooks feedback names it (its wire name); the record keeps its name. */
public enum Outcome {
    ACCEPTED,
    OVERRIDDEN;

    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(Outcome::wire).toList();

    public static Optional<Outcome> fromWire(String text) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(text)).findFirst();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
