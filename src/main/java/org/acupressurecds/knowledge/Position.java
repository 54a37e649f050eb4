package org.acupressurecds.knowledge;

import java.util.List;

/** A recommended mat position; side is the leg to lie on where one applies, null where it does not or is unknown. */
public record Position(
        PositionId id,
        String name,
        String targetArea,
        List<String> steps,
        String duration,
        Laterality side,
        String reason) implements Explained {
}
