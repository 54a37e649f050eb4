package org.acupressurecds.knowledge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Signs that stop mat use: cauda equina syndrome and its signs, and signs of nerve root compression. */
public enum RedFlag {
    CAUDA_EQUINA_SYNDROME,
    BLADDER_DYSFUNCTION,
    BOWEL_DYSFUNCTION,
    SADDLE_ANESTHESIA,
    /** Any leg weakness, progressive or not: the guide's general rule stops mat use for it. */
    LEG_WEAKNESS,
    PROGRESSIVE_LEG_WEAKNESS,
    PROGRESSIVE_NUMBNESS,
    FOOT_DROP;

    /** The signs of cauda equina syndrome, and the syndrome itself: while current, an emergency. */
    public boolean isCaudaEquinaSign() {
        return this == CAUDA_EQUINA_SYNDROME || this == BLADDER_DYSFUNCTION || this == BOWEL_DYSFUNCTION
                || this == SADDLE_ANESTHESIA;
    }

    /** Every combination of red flags, none to all: what the safety invariants are checked on. */
    public static List<Set<RedFlag>> everyCombination() {
        RedFlag[] flags = values();
        List<Set<RedFlag>> combinations = new ArrayList<>();
        for (int mask = 0; mask < 1 << flags.length; mask++) {
            Set<RedFlag> combination = EnumSet.noneOf(RedFlag.class);
            for (int i = 0; i < flags.length; i++) {
                if ((mask & 1 << i) != 0) {
                    combination.add(flags[i]);
                }
            }
            combinations.add(Set.copyOf(combination));
        }
        return combinations;
    }
}
