package org.acupressurecds.engine;

import java.time.Instant;
import java.util.List;
import org.kie.api.KieBase;

/** A compiled, immutable rule set; version is the content hash of its files. */
public record RuleSet(String version, List<String> files, Instant loadedAt, KieBase kieBase) {
}
