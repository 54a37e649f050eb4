package org.acupressurecds.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void anIdIsAVersion7UuidThatCarriesItsMillisecond() {
        long now = 1_795_000_000_123L;
        UUID id = TimeOrderedUuid.at(now);

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(now, id.getMostSignificantBits() >>> 16);
        assertEquals(id, UUID.fromString(id.toString()));
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsTheStoreComparesThemAsText() {
        String earlier = TimeOrderedUuid.at(1_795_000_000_123L).toString();
        String later = TimeOrderedUuid.at(1_795_000_000_124L).toString();

        assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedUuid.at(1_795_000_000_123L));
        }
        assertEquals(10_000, ids.size());
    }
}
