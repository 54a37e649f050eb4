package org.acupressurecds.engine;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Records which rule inserted each fact that is still in working memory when the rules settle. It never prints
 * anything: facts are patient data.
 */
final class ProvenanceListener extends DefaultRuleRuntimeEventListener {

    /** A fact a rule concluded; sequence is the insertion order, for a stable answer. */
    record Derived(Object fact, Rule rule, long sequence) {
    }

    private final Map<FactHandle, Derived> derived = new IdentityHashMap<>();
    private long sequence;

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            derived.put(event.getFactHandle(), new Derived(event.getObject(), event.getRule(), sequence++));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        derived.remove(event.getFactHandle());
    }

    Collection<Derived> survivors() {
        return derived.values();
    }
}
