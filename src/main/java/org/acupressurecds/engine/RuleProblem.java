package org.acupressurecds.engine;

/** One thing wrong with the rules, where the author can find it. Line and column are null where nothing tells them. */
public record RuleProblem(String file, Integer line, Integer column, String message) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (line != null) {
            where.append(':').append(line);
            if (column != null) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
