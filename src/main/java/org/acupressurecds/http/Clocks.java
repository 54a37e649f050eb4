package org.acupressurecds.http;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import org.acupressurecds.config.CdsConfig;

/**
 * "Today" in the clinical time zone ({@code cds.clinical-zone}, default the system's): date boundaries such as the
 * 6-month surgery window and the age of a pain score are counted in it, and EHR timestamps are converted to it.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock clinicalClock(CdsConfig config) {
        return Clock.system(config.clinicalZone().filter(z -> !z.isBlank()).map(ZoneId::of)
                .orElse(ZoneId.systemDefault()));
    }
}
