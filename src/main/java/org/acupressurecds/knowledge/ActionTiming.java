package org.acupressurecds.knowledge;

/**
 * When a finding's action is to be done: FIRST, before the mat is used as planned (refer, clear, wait), or ALONGSIDE
 * the plan (treat the disc too). Among equally severe findings, the first action leads the answer's summary.
 */
public enum ActionTiming {
    FIRST,
    ALONGSIDE
}
