package org.acupressurecds.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/**
 * What a record's date can mean, tried on seeded random dates (a failure replays: the seed and the case are in the
 * message): a full date is that day; a year or a month spans its days; the latest day up to today is never after
 * today unless the whole date is; a timestamp's day is its day in the clinical zone, whatever its offset.
 */
class RecordedDateTest {

    private static final long SEED = 20261204;
    /** FHIR's dateTime always has its seconds. */
    private static final DateTimeFormatter FHIR_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final int CASES = 5_000;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Pacific/Kiritimati"), ZoneId.of("UTC"));

    @Test
    void aPartialOrFullDateSpansTheDaysItCanMean() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            LocalDate day = LocalDate.of(1900 + random.nextInt(200), 1 + random.nextInt(12), 1).plusDays(random.nextInt(31));
            int precision = random.nextInt(3); // year, month, day
            String text = precision == 0 ? String.valueOf(day.getYear())
                    : precision == 1 ? day.toString().substring(0, 7) : day.toString();
            LocalDate today = LocalDate.of(1950 + random.nextInt(120), 1, 1).plusDays(random.nextInt(366));
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            String at = "case " + i + " (seed " + SEED + "): " + text + " on " + today;

            RecordedDate date = RecordedDate.of(new DateTimeType(text), zone);

            assertFalse(date.earliest().isAfter(date.latest()), at);
            assertEquals(precision < 2, date.partial(), at);
            assertEquals(date.earliest().atStartOfDay(zone).toInstant(), date.start(), at);
            if (precision == 2) {
                assertEquals(day, date.earliest(), at);
                assertEquals(day, date.latest(), at);
            } else {
                assertEquals(precision == 0 ? day.withDayOfYear(1) : day.withDayOfMonth(1), date.earliest(), at);
                assertEquals(precision == 0 ? day.withMonth(12).withDayOfMonth(31)
                        : day.withDayOfMonth(day.lengthOfMonth()), date.latest(), at);
            }
            LocalDate latest = date.latestUpTo(today);
            if (date.earliest().isAfter(today)) {
                assertEquals(date.latest(), latest, at + ": wholly after today, the date stays as it is");
            } else {
                assertFalse(latest.isAfter(today), at);
                assertFalse(latest.isBefore(date.earliest()), at);
                assertFalse(latest.isAfter(date.latest()), at);
                assertTrue(latest.equals(today) || latest.equals(date.latest()), at);
            }
        }
    }

    @Test
    void aTimestampIsTheDayItIsInTheClinicalZone() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            ZonedDateTime moment = ZonedDateTime.of(2000 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), 0, 0, ZoneOffset.ofHours(random.nextInt(27) - 12));
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            String at = "case " + i + " (seed " + SEED + "): " + moment + " in " + zone;

            RecordedDate date = RecordedDate.of(new DateTimeType(FHIR_TIMESTAMP.format(moment)), zone);

            assertEquals(moment.withZoneSameInstant(zone).toLocalDate(), date.earliest(), at);
            assertEquals(date.earliest(), date.latest(), at);
            assertEquals(moment.toInstant(), date.start(), at);
            assertFalse(date.partial(), at);
        }
    }
}
