package org.acupressurecds.records;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Two replicas on one store: a jti one of them accepted is a replay for the other. */
class StoredJtisTest {

    @Test
    void aTokenReplayedToAnotherReplicaIsRefused() {
        DataSource shared = MigratedH2.create();
        StoredJtis replicaA = new StoredJtis(new RecordStore(shared, "test"));
        StoredJtis replicaB = new StoredJtis(new RecordStore(shared, "test"));
        Instant expires = Instant.now().plusSeconds(300);

        assertTrue(replicaA.firstUse("https://ehr.example", "jti-1", expires));
        assertFalse(replicaB.firstUse("https://ehr.example", "jti-1", expires), "replayed to the other replica");
        assertTrue(replicaB.firstUse("https://other-ehr.example", "jti-1", expires), "a jti is per issuer");
    }
}
