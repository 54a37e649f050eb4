package org.acupressurecds.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;

/**
 * What a FHIR date in a record can mean, in days of the clinical time zone: its first and last day (the same for a
 * full date or a timestamp; a year's or a month's for "2026" or "2026-05"), and the instant it starts, to order by.
 * Which end is the safe one depends on what is dated: the reader chooses.
 */
record RecordedDate(LocalDate earliest, LocalDate latest, Instant start, boolean partial) {

    /**
     * Null where the element has no date (only an extension, such as a data-absent-reason). A date without a time is
     * that calendar date; a timestamp is converted to the clinical zone, so the day does not flip at UTC midnight.
     */
    static RecordedDate of(BaseDateTimeType dateTime, ZoneId zone) {
        if (dateTime == null || dateTime.getValue() == null) {
            return null;
        }
        TemporalPrecisionEnum precision = dateTime.getPrecision();
        if (precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH) {
            LocalDate first = precision == TemporalPrecisionEnum.YEAR ? LocalDate.of(dateTime.getYear(), 1, 1)
                    : LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, 1);
            LocalDate last = precision == TemporalPrecisionEnum.YEAR ? first.withMonth(12).withDayOfMonth(31)
                    : YearMonth.from(first).atEndOfMonth();
            return new RecordedDate(first, last, first.atStartOfDay(zone).toInstant(), true);
        }
        if (precision == TemporalPrecisionEnum.DAY) {
            LocalDate day = LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDay());
            return new RecordedDate(day, day, day.atStartOfDay(zone).toInstant(), false);
        }
        Instant instant = dateTime.getValue().toInstant();
        LocalDate day = LocalDate.ofInstant(instant, zone);
        return new RecordedDate(day, day, instant, false);
    }

    /** A period by its end where it has one (when it was over), else its start; an end with no date is no end. */
    static RecordedDate of(Period period, ZoneId zone) {
        RecordedDate end = of(period.getEndElement(), zone);
        return end != null ? end : of(period.getStartElement(), zone);
    }

    /** The latest day it can mean, but not after today; a date wholly after today stays as it is. */
    LocalDate latestUpTo(LocalDate today) {
        return latest.isAfter(today) && !earliest.isAfter(today) ? today : latest;
    }
}
