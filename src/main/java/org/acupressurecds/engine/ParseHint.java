package org.acupressurecds.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.Token;
import org.drools.drl.parser.lang.DRL6Lexer;

/**
 * The DRL parser reports where it got lost, often lines after the slip: say what the slip likely was, a rule with no
 * end before the next rule, or parentheses that do not balance in the rule so far. The file is read with the Drools
 * DRL lexer, so strings and comments are what Drools takes them to be.
 */
final class ParseHint {

    /** The parser's own message names the rule it was in. */
    private static final Pattern IN_RULE = Pattern.compile("\\[ERR \\d+].* in rule \"([^\"]+)\"");

    private ParseHint() {
    }

    static String withHint(String message, String source, int line) {
        Matcher m = IN_RULE.matcher(message);
        if (!m.find()) {
            return message;
        }
        String rule = m.group(1);
        List<Token> tokens = tokens(source);
        int start = -1;
        for (int i = 0; i + 1 < tokens.size() && start < 0; i++) {
            if (declares(tokens, i) && name(tokens.get(i + 1)).equals(rule)) {
                start = i;
            }
        }
        if (start < 0 || tokens.get(start).getLine() >= line - 1) {
            return message;
        }
        int ruleLine = tokens.get(start).getLine();
        int open = 0;
        int close = 0;
        for (int i = start + 2; i < tokens.size() && tokens.get(i).getLine() < line; i++) {
            Token t = tokens.get(i);
            if (t.getType() == DRL6Lexer.ID && t.getText().equals("end")) {
                return message;
            }
            if (declares(tokens, i)) {
                return message + " (likely cause: rule \"" + rule + "\" at line " + ruleLine + " has no end before "
                        + "the next rule at line " + t.getLine() + ")";
            }
            open += t.getType() == DRL6Lexer.LEFT_PAREN ? 1 : 0;
            close += t.getType() == DRL6Lexer.RIGHT_PAREN ? 1 : 0;
        }
        return open == close ? message : message + " (likely cause: unbalanced parentheses in rule \"" + rule
                + "\" before line " + line + ": " + open + " '(' and " + close + " ')')";
    }

    /** rule "name": the word rule, then a string. */
    private static boolean declares(List<Token> tokens, int i) {
        return i + 1 < tokens.size() && tokens.get(i).getType() == DRL6Lexer.ID && tokens.get(i).getText().equals("rule")
                && tokens.get(i + 1).getType() == DRL6Lexer.STRING;
    }

    private static String name(Token string) {
        String text = string.getText();
        return text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
    }

    /** The file's tokens, less whitespace and comments. */
    private static List<Token> tokens(String source) {
        DRL6Lexer lexer = new DRL6Lexer(new ANTLRStringStream(source));
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != DRL6Lexer.WS && t.getType() != DRL6Lexer.EOL) {
                tokens.add(t);
            }
        }
        return tokens;
    }
}
