package org.acupressurecds.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled, immutable rule set: the DRL, the code tables and the local policies of one rules folder, served
 * together. version is the content hash of its files (scenarios included); terms, what its conditions compare with.
 */
public record RuleSet(String version, List<String> files, Instant loadedAt, KieBase kieBase, CodeTable codes,
        List<RuleInfo> rules, List<LocalPolicy> policies, ConditionTerms terms, Map<String, String> sources,
        KieSessionsPool sessions) {

    /**
     * sources: each rule's @source by its name, read once here rather than at every answer; sessions: sessions of
     * the rule base, reset and reused rather than built for every evaluation.
     */
    public RuleSet(String version, List<String> files, Instant loadedAt, KieBase kieBase, CodeTable codes,
            List<RuleInfo> rules, List<LocalPolicy> policies, ConditionTerms terms) {
        this(version, files, loadedAt, kieBase, codes, rules, policies, terms, rules.stream()
                .filter(r -> r.source() != null).collect(Collectors.toUnmodifiableMap(RuleInfo::name, RuleInfo::source)),
                kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()));
    }

    /** The @source of the named rule; null where it has none. */
    public String sourceOf(String rule) {
        return sources.get(rule);
    }

    /** One rule as its author wrote it: where it is and what its metadata says. */
    public record RuleInfo(String name, String file, Integer line, String source, Map<String, String> metadata) {
    }
}
