package org.acupressurecds.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The guide the rules encode, read as sections and items, so a rule's {@code @source} can be held to a real heading
 * and a real item under it. The guide is plain text, read by these conventions:
 * <ul>
 * <li>text comes in blocks separated by blank lines;</li>
 * <li>a <b>heading</b> is a block of one line, not indented, that does not end like a sentence (full stop, comma,
 * semicolon, a reference in brackets) and holds no dash "—";</li>
 * <li>a heading in title case is a <b>section</b>; a numbered heading ("1. …", "Position 1: …") or one in sentence
 * case (a FAQ question) is an <b>item</b> of the section above it, together with its text up to the next heading;</li>
 * <li>the other items of a section are its bullets (•) and numbered steps, the rows of its tables (a block of several
 * lines; the first is the header) and its paragraphs, labelled ones such as "General rule: …" included;</li>
 * <li>page furniture is not the guide's: lines holding " | " (byline, footer), links to other pages (ending in →),
 * and a heading repeated (the title).</li>
 * </ul>
 */
public final class Guide {

    /** Where the guide lives in the repository, as authors are told. */
    public static final String FILE = "docs/guide/sciatica-acupressure-guide.txt";

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+\\.\\s|\\p{L}+ \\d+:).*");
    private static final Pattern BULLET = Pattern.compile("^\\s*(•|\\d+\\.\\s).*");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.,;\\]]$");
    private static final Guide SHIPPED = parse(shippedText());

    /** A heading and what stands under it; line: the heading's, from 1. */
    public record Section(String heading, int line, List<Item> items) {

        /** The section's text, item by item. */
        public String text() {
            return String.join("\n", items.stream().map(Item::text).toList());
        }
    }

    /** One bullet, table row, paragraph or sub-heading with its text, whitespace made single. */
    public record Item(String text, int line) {
    }

    private final List<Section> sections;

    private Guide(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The guide shipped with the service (docs/guide, on the class path as guide/). */
    public static Guide shipped() {
        return SHIPPED;
    }

    public List<Section> sections() {
        return sections;
    }

    public Optional<Section> section(String heading) {
        return sections.stream().filter(s -> s.heading().equals(heading)).findFirst();
    }

    /** The items of the section that hold the phrase (whitespace compared as single spaces). */
    public static List<Item> itemsHolding(Section section, String phrase) {
        String wanted = single(phrase);
        return section.items().stream().filter(i -> i.text().contains(wanted)).toList();
    }

    static Guide parse(String text) {
        List<String> lines = text.lines().toList();
        Map<String, Builder> sections = new LinkedHashMap<>();
        Builder section = null;
        Builder subHeading = null; // an item being gathered: a numbered or sentence-case heading and its text
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank()) {
                i++;
                continue;
            }
            int start = i;
            List<String> block = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                String line = lines.get(i++);
                if (!line.contains(" | ") && !line.strip().endsWith("→")) {
                    block.add(line);
                }
            }
            if (block.isEmpty()) {
                continue;
            }
            int line = start + 1;
            String first = block.get(0);
            if (block.size() == 1 && isHeading(first)) {
                String heading = first.strip();
                if (section != null && isItemHeading(heading)) {
                    subHeading = new Builder(heading, line);
                    section.subHeadings.add(subHeading);
                } else {
                    section = sections.computeIfAbsent(heading, h -> new Builder(h, line));
                    subHeading = null;
                }
                continue;
            }
            if (section == null) {
                continue; // text before the first heading is no section's
            }
            if (subHeading != null) {
                for (String l : block) {
                    subHeading.text.append(' ').append(l.strip());
                }
            } else if (block.size() == 1 || block.stream().allMatch(l -> BULLET.matcher(l).matches())) {
                for (int k = 0; k < block.size(); k++) {
                    section.items.add(new Item(single(bulletless(block.get(k))), line + k));
                }
            } else {
                for (int k = 1; k < block.size(); k++) { // the first line is the table's header
                    section.items.add(new Item(single(bulletless(block.get(k))), line + k));
                }
            }
        }
        return new Guide(sections.values().stream().map(Builder::section).toList());
    }

    private static boolean isHeading(String line) {
        String text = line.strip();
        return !Character.isWhitespace(line.charAt(0)) && !text.startsWith("•")
                && !SENTENCE_END.matcher(text).matches() && !text.contains("—");
    }

    /** A numbered heading, or one in sentence case (most of its longer words after the first in lower case). */
    private static boolean isItemHeading(String heading) {
        if (NUMBERED.matcher(heading).matches()) {
            return true;
        }
        String[] words = heading.split("\\s+");
        int lower = 0;
        int longer = 0;
        for (int w = 1; w < words.length; w++) {
            if (words[w].length() >= 4) {
                longer++;
                lower += Character.isLowerCase(words[w].charAt(0)) ? 1 : 0;
            }
        }
        return longer > 0 && lower * 2 > longer;
    }

    private static String bulletless(String line) {
        String stripped = line.strip();
        return stripped.startsWith("•") ? stripped.substring(1) : stripped;
    }

    private static String single(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String shippedText() {
        try (InputStream in = Guide.class.getResourceAsStream("/guide/sciatica-acupressure-guide.txt")) {
            if (in == null) {
                throw new IllegalStateException("the guide is not on the class path (guide/sciatica-acupressure-guide.txt)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Builder {
        final String heading;
        final int line;
        final List<Item> items = new ArrayList<>();
        final List<Builder> subHeadings = new ArrayList<>();
        final StringBuilder text;

        Builder(String heading, int line) {
            this.heading = heading;
            this.line = line;
            this.text = new StringBuilder(heading);
        }

        Section section() {
            List<Item> all = new ArrayList<>(items);
            subHeadings.forEach(s -> all.add(new Item(single(s.text.toString()), s.line)));
            all.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return new Section(heading, line, List.copyOf(all));
        }
    }
}
