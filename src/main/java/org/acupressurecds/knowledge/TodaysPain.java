package org.acupressurecds.knowledge;

/** The pain score the rules take as today's pain: recent enough to count. */
public record TodaysPain(int score) {
}
