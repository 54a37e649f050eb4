package org.acupressurecds.knowledge;

/** The guide's four mat positions and the FAQ's leg position, in the order a plan lists them. */
public enum PositionId {
    LUMBAR_GLUTEAL_SUPINE,
    SIDE_LYING_PIRIFORMIS,
    PILLOW_UNDER_LUMBAR,
    SEATED_GLUTEAL,
    LEG_POSTERIOR
}
