package org.acupressurecds.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.core.common.InternalFactHandle;
import org.drools.tms.SimpleMode;
import org.drools.tms.TruthMaintenanceSystemEqualityKey;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;

/**
 * Records which rule inserted each fact that is still in working memory when the rules settle. It never prints
 * anything: facts are patient data.
 */
final class ProvenanceListener extends DefaultRuleRuntimeEventListener {

    /** A fact a rule concluded. */
    record Derived(Object fact, Rule rule) {
    }

    private final Map<FactHandle, Derived> derived = new IdentityHashMap<>();
    /** Every conclusion in the order it was made, the deleted ones too: survivors are read off it without a sort. */
    private final List<Derived> inOrder = new ArrayList<>();
    private boolean anyDeleted;

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            Derived d = new Derived(event.getObject(), event.getRule());
            derived.put(event.getFactHandle(), d);
            inOrder.add(d);
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        anyDeleted |= derived.remove(event.getFactHandle()) != null;
    }

    /** The conclusions that stand, in the order they were made. */
    List<Derived> survivors() {
        if (!anyDeleted) {
            return Collections.unmodifiableList(inOrder);
        }
        Set<Derived> standing = Collections.newSetFromMap(new IdentityHashMap<>());
        standing.addAll(derived.values());
        return inOrder.stream().filter(standing::contains).toList();
    }

    /**
     * The rules in the conclusion chain of the facts of a type that stand when the rules settle: every rule whose
     * match still justifies one of them, and, back through what those matches matched, every rule that justifies a
     * concluded fact they rest on. A fact several rules conclude alike is justified by each of them, so each counts;
     * a {@code not} rests on nothing. Call before the session is disposed.
     */
    Set<String> chainOf(Class<?> type) {
        Set<String> rules = new LinkedHashSet<>();
        Set<FactHandle> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<FactHandle> next = new ArrayDeque<>();
        derived.forEach((handle, d) -> {
            if (type.isInstance(d.fact())) {
                next.add(handle);
            }
        });
        while (!next.isEmpty()) {
            FactHandle handle = next.poll();
            if (!seen.add(handle)) {
                continue;
            }
            List<Match> justifiers = justifiers(handle);
            if (justifiers.isEmpty()) {
                rules.add(derived.get(handle).rule().getName());
            }
            for (Match match : justifiers) {
                rules.add(match.getRule().getName());
                match.getFactHandles().stream().filter(derived::containsKey).forEach(next::add);
            }
        }
        return rules;
    }

    /** The matches that justify a logically inserted fact now (Drools' truth maintenance keeps them). */
    private static List<Match> justifiers(FactHandle handle) {
        List<Match> found = new ArrayList<>();
        if (handle instanceof InternalFactHandle fact && fact.getEqualityKey() instanceof TruthMaintenanceSystemEqualityKey key
                && key.getBeliefSet() != null) {
            for (Object mode = key.getBeliefSet().getFirst(); mode != null; mode = ((SimpleMode) mode).getNext()) {
                found.add(((SimpleMode) mode).getObject().getJustifier());
            }
        }
        return found;
    }
}
