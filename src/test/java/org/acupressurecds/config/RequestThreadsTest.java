package org.acupressurecds.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The service runs four request threads a core: no request thread waits for a record's commit. */
@QuarkusTest
class RequestThreadsTest {

    @Test
    void theRunningServiceHasFourRequestThreadsACore() {
        assertEquals(RequestThreads.PER_CORE * Runtime.getRuntime().availableProcessors(),
                ConfigProvider.getConfig().getValue(RequestThreads.MAX_THREADS, Integer.class));
    }
}
