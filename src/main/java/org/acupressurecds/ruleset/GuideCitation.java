package org.acupressurecds.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.acupressurecds.engine.DidYouMean;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Guide;

/**
 * A rule's {@code @source} held to the guide's structure: {@code "<section>"} names a real section heading;
 * {@code "<section> > <item>"} names a real section and a phrase found in exactly one of its items (a bullet, a table
 * row, a paragraph, a sub-heading with its text); {@code "Local policy > <name>"} a policy of policies.yaml.
 */
public final class GuideCitation {

    private static final String SEPARATOR = " > ";

    /** The sections no rule cites: the guide's coverage, shown to authors as a warning. Empty sections do not count. */
    public record Coverage(int sections, List<Uncited> uncited) {
    }

    public record Uncited(String heading, int line) {
    }

    private GuideCitation() {
    }

    /** What the citation is wrong about, in the author's words; empty when it cites a real section and item. */
    public static Optional<String> problem(String source, Guide guide) {
        String[] parts = source.split(SEPARATOR, -1);
        if (parts.length > 2) {
            return Optional.of("a citation is \"<section>\" or \"<section> > <item>\", with one \" > \" at most");
        }
        Optional<Guide.Section> section = guide.section(parts[0].strip());
        if (section.isEmpty()) {
            return Optional.of(noSection(parts[0].strip(), guide));
        }
        if (parts.length == 1) {
            return Optional.empty();
        }
        String phrase = parts[1].strip();
        List<Guide.Item> holding = Guide.itemsHolding(section.get(), phrase);
        if (holding.size() == 1) {
            return Optional.empty();
        }
        String heading = section.get().heading();
        if (holding.isEmpty()) {
            return Optional.of("no item of the section \"" + heading + "\" holds \"" + phrase + "\"; "
                    + DidYouMean.closest(phrase, phrasesOf(section.get(), phrase)).map(p -> "did you mean \"" + p + "\"?")
                            .orElse("its items begin: " + String.join("; ", section.get().items().stream()
                                    .map(i -> "\"" + beginning(i.text()) + "\"").toList())));
        }
        return Optional.of("\"" + phrase + "\" is in " + holding.size() + " items of the section \"" + heading
                + "\" (guide lines " + String.join(", ", holding.stream().map(i -> String.valueOf(i.line())).toList())
                + "): quote more of the one you mean");
    }

    /**
     * What a rule's citation says: the change its local policy makes, or the guide's words it cites (the item, or the
     * whole section); null for a citation that is neither.
     */
    public static String cites(String source, List<LocalPolicy> policies, Guide guide) {
        String cited = source == null ? "" : source;
        return policies.stream().filter(p -> cited.equals(LocalPolicy.SOURCE + p.name())).map(LocalPolicy::changes)
                .findFirst().orElseGet(() -> text(cited, guide).orElse(null));
    }

    /** The guide text a citation points at (the item, or the whole section); empty for a local policy or a bad one. */
    public static Optional<String> text(String source, Guide guide) {
        if (source == null || source.startsWith(LocalPolicy.SOURCE) || problem(source, guide).isPresent()) {
            return Optional.empty();
        }
        String[] parts = source.split(SEPARATOR);
        Guide.Section section = guide.section(parts[0].strip()).orElseThrow();
        return Optional.of(parts.length == 1 ? section.text() : Guide.itemsHolding(section, parts[1]).get(0).text());
    }

    /** The guide's sections (those with text) that no rule of the set cites, alone or with an item. */
    public static Coverage coverage(RuleSet rules, Guide guide) {
        Set<String> cited = new LinkedHashSet<>();
        rules.rules().stream().filter(r -> r.source() != null)
                .forEach(r -> cited.add(r.source().split(SEPARATOR, -1)[0].strip()));
        List<Guide.Section> withText = guide.sections().stream().filter(s -> !s.items().isEmpty()).toList();
        return new Coverage(withText.size(), withText.stream().filter(s -> !cited.contains(s.heading()))
                .map(s -> new Uncited(s.heading(), s.line())).toList());
    }

    private static String noSection(String heading, Guide guide) {
        for (Guide.Section s : guide.sections()) {
            for (Guide.Item item : s.items()) {
                if (!heading.isEmpty() && item.text().startsWith(heading)) {
                    return "\"" + heading + "\" is an item of the section \"" + s.heading() + "\": cite it as \""
                            + s.heading() + SEPARATOR + heading + "\"";
                }
            }
        }
        List<String> headings = guide.sections().stream().map(Guide.Section::heading).toList();
        return "\"" + heading + "\" is not a section heading of the guide (" + Guide.FILE + "); "
                + DidYouMean.closest(heading, headings).map(h -> "did you mean \"" + h + "\"?")
                        .orElse("copy a heading as the guide writes it: " + String.join("; ", headings));
    }

    /** The runs of the section's words as long as the phrase: what a near miss of it may have meant. */
    private static List<String> phrasesOf(Guide.Section section, String phrase) {
        int length = phrase.split("\\s+").length;
        List<String> runs = new ArrayList<>();
        for (Guide.Item item : section.items()) {
            String[] words = item.text().split(" ");
            for (int w = 0; w + length <= words.length; w++) {
                runs.add(String.join(" ", Arrays.copyOfRange(words, w, w + length)));
            }
        }
        return runs;
    }

    private static String beginning(String text) {
        String[] words = text.split(" ");
        return words.length <= 6 ? text : String.join(" ", Arrays.copyOf(words, 6)) + " …";
    }
}
