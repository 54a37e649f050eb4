package org.acupressurecds.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A compiled, immutable rule set: the DRL, the code tables and the local policies of one rules folder, served
 * together. version is the content hash of its files (scenarios included).
 */
public record RuleSet(String version, List<String> files, Instant loadedAt, KieBase kieBase, CodeTable codes,
        List<RuleInfo> rules, List<LocalPolicy> policies) {

    /** One rule as its author wrote it: where it is and what its metadata says. */
    public record RuleInfo(String name, String file, Integer line, String source, Map<String, String> metadata) {
    }
}
