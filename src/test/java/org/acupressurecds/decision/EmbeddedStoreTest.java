package org.acupressurecds.decision;

import io.quarkus.test.junit.QuarkusTest;

/** The decision record on the embedded default store (H2 under data/; target/records in tests). */
@QuarkusTest
class EmbeddedStoreTest extends DecisionRecordContract {
}
