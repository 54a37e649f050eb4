package org.acupressurecds.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.core.common.InternalWorkingMemoryEntryPoint;
import org.drools.core.common.TruthMaintenanceSystem;
import org.drools.tms.TruthMaintenanceSystemFactoryImpl;
import org.drools.tms.TruthMaintenanceSystemImpl;

/**
 * Drools' truth maintenance, with its sessions' systems in a concurrent map. Drools keeps every session's system in
 * one map for the whole JVM behind one lock (a synchronized map), taken at every logical insertion and at every
 * session's reset: with more evaluations at once than cores, a thread holding it is preempted and the others queue
 * behind it (eight threads on two cores waited 1.5 s of 15 for it; docs/performance.md). Registered as a Kie
 * service (META-INF/services) of a higher priority than Drools' own; the systems themselves are Drools', unchanged,
 * and each still belongs to one entry point, by identity, as in Drools.
 */
public final class ConcurrentTruthMaintenance extends TruthMaintenanceSystemFactoryImpl {

    /** An entry point as a key by identity, as Drools' own map has it, whatever the entry point's equals says. */
    private record Key(InternalWorkingMemoryEntryPoint entryPoint) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.entryPoint == entryPoint;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(entryPoint);
        }
    }

    private final Map<Key, TruthMaintenanceSystem> systems = new ConcurrentHashMap<>();

    @Override
    public TruthMaintenanceSystem getOrCreateTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        Key key = new Key(entryPoint);
        TruthMaintenanceSystem system = systems.get(key); // without the bin's lock, for every insertion but the first
        return system != null ? system : systems.computeIfAbsent(key, k -> new TruthMaintenanceSystemImpl(entryPoint));
    }

    @Override
    public void clearTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        TruthMaintenanceSystem system = systems.remove(new Key(entryPoint));
        if (system != null) {
            system.clear();
        }
    }

    @Override
    public int getEntryPointsMapSize() {
        return systems.size();
    }

    @Override
    public void clearEntryPointsMap() {
        systems.clear();
    }

    @Override
    public int servicePriority() {
        return 1;
    }
}
