package org.acupressurecds.knowledge;

import java.util.List;

/** A recommended mat position; side is the leg to lie on where one applies, null where it does not or is unknown. */
@Meaning("A recommended mat position. Concluded by `positions.drl`.")
public record Position(
        @Meaning("which position")
        PositionId id,
        @Meaning("its name, as the patient reads it")
        String name,
        @Meaning("the body area the mat works on")
        String targetArea,
        @Meaning("how to get into and hold the position, one step a line")
        List<String> steps,
        @Meaning("how long, in words that begin with its minutes where it has them, e.g. \"10-20 minutes\"")
        String duration,
        @Meaning(value = "the shortest duration in minutes", values = "a whole number, or null where the position has no "
                + "duration of its own")
        Integer minMinutes,
        @Meaning(value = "the longest duration in minutes", values = "a whole number, or null where the position has no "
                + "duration of its own")
        Integer maxMinutes,
        @Meaning(value = "the leg to lie on where one applies", values = "`LEFT`, `RIGHT`, `BILATERAL`, or null where "
                + "no side applies or it is not known")
        Laterality side,
        String reason) implements Explained {
}
