package org.acupressurecds.knowledge;

import java.util.List;

/** The types a rule may name: the facts rules match and conclude, and the vocabularies they use. */
public final class FactModel {

    public static final List<Class<? extends Record>> FACTS = List.of(PatientFacts.class, Finding.class,
            Decision.class, PlanPermitted.class, ExpectedResponse.class, Position.class, ProtocolWeek.class,
            MatAdvice.class, ComplementaryCare.class, TimelineMilestone.class, WarningSign.class, MissingData.class,
            TodaysPain.class, AcuteFlare.class, RecentSpinalSurgery.class, SessionCap.class);

    public static final List<Class<? extends Enum<?>>> VOCABULARIES = List.of(SciaticaType.class, RedFlag.class,
            Laterality.class, Verdict.class, ResponseLevel.class, PositionId.class, ActionTiming.class);

    private FactModel() {
    }
}
