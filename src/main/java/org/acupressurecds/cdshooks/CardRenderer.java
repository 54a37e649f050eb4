package org.acupressurecds.cdshooks;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.acupressurecds.decision.Indicator;
import org.acupressurecds.cdshooks.CdsJson.Card;
import org.acupressurecds.cdshooks.CdsJson.Coding;
import org.acupressurecds.cdshooks.CdsJson.Link;
import org.acupressurecds.cdshooks.CdsJson.Source;
import org.acupressurecds.cdshooks.CdsJson.Suggestion;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.ExpectedResponse;
import org.acupressurecds.knowledge.MatAdvice;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.acupressurecds.knowledge.OverrideReason;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.knowledge.WarningSign;
import org.acupressurecds.store.TimeOrderedUuid;

/** Renders an assessment as one CDS Hooks card. It only presents: every clinical word comes from the rules. */
final class CardRenderer {

    static final int MAX_SUMMARY = 139;
    static final String TOPIC_SYSTEM = "https://acupressure-cds.org/fhir/CodeSystem/cds-topic";

    static final Source SOURCE = new Source("Acupressure-mat CDS for sciatica", null,
            new Coding(TOPIC_SYSTEM, "acupressure-mat-sciatica", "Acupressure-mat therapy in sciatica"));

    private CardRenderer() {
    }

    /**
     * page: the link to the physiotherapist's page, or null where the service's public URL is not configured.
     * unscreened: the record has no red flag, but no one screened for them; the summary then says what it rests on.
     * notRead: what of the record was set aside, said at the summary's end and right after the verdict line.
     */
    static Card render(Assessment answer, boolean unscreened, List<String> notes, FhirReading.NotRead notRead,
            Link page, List<Suggestion> suggestions) {
        boolean critical = Indicator.of(answer.verdict()) == Indicator.CRITICAL;
        String verdict = answer.verdict().label();
        return new Card(TimeOrderedUuid.next().toString(),
                summary(unscreened && !critical
                        ? "If red-flag screening is negative: " + verdict.toLowerCase(java.util.Locale.ROOT) + ". "
                                + firstSentence(answer.action())
                        : verdict + ": " + firstSentence(answer.action()), notRead.inShort()),
                detail(answer, notes, notRead),
                Indicator.of(answer.verdict()),
                SOURCE,
                suggestions.isEmpty() ? null : suggestions,
                suggestions.isEmpty() ? null : "at-most-one",
                overrideReasons(answer.verdict()),
                page == null ? null : List.of(page));
    }

    /** Every card offers the override reasons fitting its verdict, so an override says why at every level. */
    static List<Coding> overrideReasons(Verdict verdict) {
        return OverrideReason.fitting(verdict).stream()
                .map(r -> new Coding(OverrideReason.SYSTEM, r.code(), r.display())).toList();
    }

    /** The card for a patient whose conditions the EHR could not give: nothing can be checked, and it says so. */
    static Card cannotCheck(List<String> notes, String rulesetVersion) {
        StringBuilder detail = new StringBuilder();
        notes.forEach(note -> detail.append("- ").append(escape(note)).append('\n'));
        detail.append("\nAssess the patient directly before any acupressure-mat use.\n\n_Rule set ")
                .append(rulesetVersion).append("_");
        return new Card(TimeOrderedUuid.next().toString(),
                "Acupressure-mat check not possible: the patient's conditions could not be read",
                detail.toString(), Indicator.WARNING, SOURCE, null, null, null, null);
    }

    static String summary(String text) {
        return summary(text, "");
    }

    /** The text cut to fit the summary with its ending, which is always kept whole. */
    static String summary(String text, String ending) {
        int room = MAX_SUMMARY - (ending.isEmpty() ? 0 : ending.length() + 1);
        String fitted = text;
        if (text.length() > room) {
            String cut = text.substring(0, room - 1);
            fitted = cut.substring(0, Math.max(cut.lastIndexOf(' '), 1)) + "…";
        }
        return ending.isEmpty() ? fitted : fitted + " " + ending;
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String detail(Assessment answer, List<String> notes, FhirReading.NotRead notRead) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(answer.verdict().label()).append(".** ").append(escape(answer.action())).append("\n\n");
        if (!notRead.isEmpty()) {
            md.append("**Not read from the record**\n\n");
            notRead.lines().forEach(line -> md.append("- ").append(escape(line)).append('\n'));
            md.append('\n');
        }
        ExpectedResponse expected = answer.expectedResponse();
        if (expected != null) {
            md.append("**Expected response:** ").append("★".repeat(expected.stars())).append("☆".repeat(5 - expected.stars()))
                    .append(' ').append(expected.level().name().toLowerCase()).append(": ")
                    .append(escape(expected.reason())).append("\n\n");
        }
        if (answer.hasPlan()) {
            plan(answer, md);
        }
        md.append("**Why**\n\n");
        Set<String> missing = answer.missingData().stream().map(MissingData::reason).collect(Collectors.toSet());
        for (Reason reason : answer.reasons()) {
            if (missing.contains(reason.text())) {
                continue; // said once, under "Not known"
            }
            md.append("- ").append(escape(reason.text())).append(" _(").append(escape(reason.source())).append(")_\n");
        }
        if (!answer.missingData().isEmpty() || !notes.isEmpty()) {
            md.append("\n**Not known or read from the record**\n\n");
            answer.missingData().stream().map(MissingData::reason).forEach(r -> md.append("- ").append(escape(r)).append('\n'));
            notes.forEach(note -> md.append("- ").append(escape(note)).append('\n'));
        }
        md.append("\n_Rule set ").append(answer.rulesetVersion()).append(", assessed ").append(answer.assessmentDate())
                .append("_");
        return md.toString();
    }

    private static void plan(Assessment answer, StringBuilder md) {
        md.append("**Positions**\n\n");
        for (Position p : answer.positions()) {
            md.append("- **").append(escape(p.name())).append("**, ").append(escape(p.duration()))
                    .append(p.side() == null ? "" : ", side: " + p.side().name().toLowerCase())
                    .append(": ").append(escape(p.targetArea())).append('\n');
        }
        md.append("\n**6-week protocol**\n\n| Weeks | Session | Frequency | Positions | Focus |\n|---|---|---|---|---|\n");
        for (ProtocolWeek w : answer.protocol()) {
            md.append("| ").append(cell(w.weeks())).append(" | ").append(cell(w.sessionDuration())).append(" | ")
                    .append(cell(w.frequency())).append(" | ").append(cell(w.positions())).append(" | ")
                    .append(cell(w.focus())).append(" |\n");
        }
        md.append("\n**Mat:** ");
        for (MatAdvice mat : answer.mat()) {
            md.append(escape(mat.guidance())).append(" (e.g. ").append(escape(String.join("; ", mat.examples())))
                    .append(") ");
        }
        // The guide's general rule goes with every plan, on the card as on the page and the printed plan.
        md.append("\n\n**When to stop and seek care**\n\n");
        for (WarningSign sign : answer.warningSigns()) {
            md.append("- ").append(escape(sign.sign())).append(": ").append(escape(sign.action())).append('\n');
        }
        md.append('\n');
    }

    private static String cell(String text) {
        return escape(text).replace("|", "\\|");
    }

    /** Rule text is plain prose; keep Markdown from reading its * and _ as emphasis. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_");
    }
}
