package org.acupressurecds.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.acupressurecds.engine.RuleProblem.Kind;

/**
 * The names each rule uses, as the parsers read it (Drools' DRL parser, DRLX for conditions, JavaParser for
 * consequences), never as text: its @source, the facts it matches, the names in its conditions (fields, constants as
 * {@code Type.CONSTANT} and alone) and in its consequence, and the facts it concludes. What "where is this used?"
 * answers by name.
 */
public record RuleNames(String rule, String file, int line, String source, Set<String> matches,
        Set<String> inConditions, Set<String> inConsequence, Set<String> concludes) {

    private static final ParseStart<DrlxExpression> DRLX = DrlxParser.buildDrlxParserWithArguments(List.of());
    /** A JavaParser keeps its state between parses, so each parse gets its own: rules are checked on many threads. */
    private static final ParserConfiguration JAVA_17 = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setAttributeComments(false);

    /** Whether the rule names the term: a fact it matches, a name in a condition or in its consequence. */
    public boolean uses(String term) {
        return matches.contains(term) || inConditions.contains(term) || inConsequence.contains(term);
    }

    /** Whether the rule's conditions rest on the term (a fact it matches, a field or a value it tests). */
    public boolean restsOn(String term) {
        return matches.contains(term) || inConditions.contains(term);
    }

    /** Every rule of the snapshot's DRL files; a file that does not parse is a problem, at its line. */
    public static List<RuleNames> of(RulesSnapshot rules) throws RuleSetException {
        List<RuleNames> found = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        rules.drl().forEach((name, drl) -> {
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, drl);
            } catch (Exception e) {
                problems.add(new RuleProblem(Kind.COMPILE, rules.shown(name), null, null, "the file cannot be parsed: "
                        + e.getMessage()));
                return;
            }
            if (parser.hasErrors() || descr == null) {
                parser.getErrors().forEach(e -> problems.add(RuleLanguage.parseProblem(rules.shown(name), e, drl)));
                return;
            }
            for (RuleDescr rule : descr.getRules()) {
                Set<String> matches = new TreeSet<>();
                Set<String> conditions = new TreeSet<>();
                lhs(rule.getLhs(), matches, conditions);
                Set<String> consequence = new TreeSet<>();
                Set<String> concludes = new TreeSet<>();
                if (rule.getConsequence() instanceof String text) {
                    ParseResult<BlockStmt> block = new JavaParser(JAVA_17).parseBlock("{" + text + "\n}");
                    block.getResult().ifPresent(b -> {
                        names(b, consequence);
                        b.findAll(ObjectCreationExpr.class).forEach(n -> concludes.add(n.getType().getNameAsString()));
                    });
                }
                AnnotationDescr source = rule.getAnnotation("source");
                found.add(new RuleNames(rule.getName(), rules.shown(name), rule.getLine(),
                        source == null ? null : String.valueOf(source.getValue()).replaceAll("^\"|\"$", ""), matches,
                        conditions, consequence, concludes));
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return found;
    }

    private static void lhs(BaseDescr d, Set<String> matches, Set<String> conditions) {
        if (d instanceof PatternDescr pattern) {
            if (pattern.getObjectType() != null) {
                matches.add(pattern.getObjectType());
            }
            for (BaseDescr c : pattern.getConstraint().getDescrs()) {
                if (c instanceof ExprConstraintDescr constraint) {
                    try {
                        names(DrlxParser.parseExpression(DRLX, constraint.getExpression()).getExpr(), conditions);
                    } catch (RuntimeException e) {
                        // a condition the check refuses is reported there; here it names nothing
                    }
                }
            }
        } else if (d instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> lhs((BaseDescr) child, matches, conditions));
        }
    }

    /**
     * The identifiers of a tree, and each constant as Type.CONSTANT. DRLX's "contains" and "memberOf" keep their
     * operands apart from the tree's children, so they are walked by hand.
     */
    private static void names(Node node, Set<String> into) {
        if (node instanceof PointFreeExpr pointFree) {
            names(pointFree.getLeft(), into);
            pointFree.getRight().forEach(operand -> names(operand, into));
            return;
        }
        if (node instanceof SimpleName name) {
            into.add(name.getIdentifier());
        } else if (node instanceof FieldAccessExpr access && access.getScope() instanceof NameExpr scope) {
            into.add(scope.getNameAsString() + "." + access.getNameAsString());
        }
        node.getChildNodes().forEach(child -> names(child, into));
    }
}
