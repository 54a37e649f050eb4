package org.acupressurecds.decision;

/** Where a decision was asked for. */
public enum Channel {
    API,
    PAGE,
    CDS_HOOKS
}
