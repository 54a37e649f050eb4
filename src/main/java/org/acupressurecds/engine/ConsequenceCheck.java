package org.acupressurecds.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * What a consequence, or a function's body, may hold: Java read by JavaParser (at Java 17), held to what the rules
 * need. A consequence is a list of {@code insertLogical( new <fact>( ... ) );}; a function body is one
 * {@code return <expression>;}. Expressions are literals (strings, whole numbers, true, false, null), bound
 * variables, vocabulary constants, the pure methods of {@link RuleVocabulary}, {@code List.of}, the functions of the
 * rules package, {@code + - * / %}, comparisons, {@code ! && ||}, and {@code ?:}. Nothing loops, declares, casts,
 * reflects or reaches the engine. The compiler gets the code printed from the checked tree, never the author's text,
 * so a comment or a literal cannot hide code that the compiler would read differently.
 */
final class ConsequenceCheck {

    private static final Set<BinaryExpr.Operator> OPERATORS = Set.of(BinaryExpr.Operator.PLUS,
            BinaryExpr.Operator.MINUS, BinaryExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE,
            BinaryExpr.Operator.REMAINDER, BinaryExpr.Operator.EQUALS, BinaryExpr.Operator.NOT_EQUALS,
            BinaryExpr.Operator.LESS, BinaryExpr.Operator.LESS_EQUALS, BinaryExpr.Operator.GREATER,
            BinaryExpr.Operator.GREATER_EQUALS, BinaryExpr.Operator.AND, BinaryExpr.Operator.OR);
    private static final String LOOPS = "loops are not allowed in rule files: a rule matches facts, the engine does "
            + "the iterating";
    private static final String CONCLUDE = "a consequence concludes facts, one statement each: insertLogical( new "
            + "<fact>( ... ) );";
    private static final Map<String, String> ENGINE_WORDS = Map.of(
            "drools", "'drools' is the engine's handle, which rules do not use: conclude facts with insertLogical",
            "kcontext", "'kcontext' is the engine's handle, which rules do not use: conclude facts with insertLogical",
            "modify", "'modify' is not used in these rules: conclude facts with insertLogical and let the most severe "
                    + "finding decide",
            "update", "'update' is not used in these rules: conclude facts with insertLogical and let the most severe "
                    + "finding decide",
            "insert", "'insert' is not used in these rules: conclude facts with insertLogical, so they go when their "
                    + "reason goes",
            "delete", "'delete' is not used in these rules: conclude facts with insertLogical, so they go when their "
                    + "reason goes",
            "retract", "'retract' is not used in these rules: conclude facts with insertLogical, so they go when their "
                    + "reason goes");

    /** A JavaParser keeps its state between parses, so each parse gets its own: rules are checked on many threads. */
    private static final ParserConfiguration JAVA_17 = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setPreprocessUnicodeEscapes(true)
            .setAttributeComments(false);
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(new DefaultPrinterConfiguration()
            .removeOption(new DefaultConfigurationOption(DefaultPrinterConfiguration.ConfigOption.PRINT_COMMENTS)));

    private final RuleVocabulary vocabulary;
    private final Map<String, Class<?>> functions;

    /** functions: the rules package's functions by name, with their return types. */
    ConsequenceCheck(RuleVocabulary vocabulary, Map<String, Class<?>> functions) {
        this.vocabulary = vocabulary;
        this.functions = functions;
    }

    /**
     * The consequence printed from its checked tree, each statement on the line it was written on, so the compiler's
     * lines stay the author's; null, with each problem reported at its line, where it is refused. firstLine is the
     * file line of the text's first line; bindings are the rule's variables.
     */
    String consequence(String text, int firstLine, Map<String, Class<?>> bindings, BiConsumer<Integer, String> problem) {
        BlockStmt block = parse(text, firstLine, problem);
        if (block == null) {
            return null;
        }
        StringBuilder printed = new StringBuilder();
        int line = 1;
        boolean refused = false;
        for (Statement statement : block.getStatements()) {
            int at = statement.getBegin().map(p -> p.line).orElse(line);
            Walk walk = new Walk(bindings, false, message -> problem.accept(firstLine + at - 1, message));
            walk.conclusion(statement);
            refused |= walk.refused;
            for (; line < at; line++) {
                printed.append('\n');
            }
            printed.append(PRINTER.print(statement)).append(' ');
        }
        return refused ? null : printed.toString();
    }

    /** A function's body, checked and printed as {@code return <expression>;}; null where it is refused. */
    String functionBody(String name, String body, int firstLine, Map<String, Class<?>> parameters,
            BiConsumer<Integer, String> problem) {
        BlockStmt block = parse(body, firstLine, problem);
        if (block == null) {
            return null;
        }
        if (block.getStatements().size() != 1 || !(block.getStatement(0) instanceof ReturnStmt r)
                || r.getExpression().isEmpty()) {
            problem.accept(firstLine, "function " + name + " is one statement, return <expression>; (a ternary "
                    + "a ? b : c chooses between values)");
            return null;
        }
        int at = firstLine + r.getBegin().map(p -> p.line).orElse(1) - 1;
        Walk walk = new Walk(parameters, true, message -> problem.accept(at, message));
        walk.value(r.getExpression().get());
        return walk.refused ? null : PRINTER.print(r);
    }

    private static BlockStmt parse(String text, int firstLine, BiConsumer<Integer, String> problem) {
        ParseResult<BlockStmt> parsed = new JavaParser(JAVA_17).parseBlock("{" + text + "\n}");
        if (parsed.isSuccessful() && parsed.getResult().isPresent()) {
            return parsed.getResult().get();
        }
        Problem first = parsed.getProblems().get(0);
        int line = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(1);
        problem.accept(firstLine + line - 1, "this is not Java the rules may hold (" + ConditionCheck.firstLine(
                first.getMessage()) + "); " + CONCLUDE);
        return null;
    }

    /** One statement or function body's walk, with the problems found; the first problem of each is said. */
    private final class Walk {
        private final Map<String, Class<?>> scope;
        private final boolean inFunction;
        private final java.util.function.Consumer<String> problem;
        private boolean refused;

        Walk(Map<String, Class<?>> scope, boolean inFunction, java.util.function.Consumer<String> problem) {
            this.scope = scope;
            this.inFunction = inFunction;
            this.problem = problem;
        }

        void conclusion(Statement statement) {
            if (statement instanceof EmptyStmt) {
                return;
            }
            if (statement instanceof WhileStmt || statement instanceof ForStmt || statement instanceof ForEachStmt
                    || statement instanceof DoStmt) {
                refuse(LOOPS);
                return;
            }
            if (statement instanceof IfStmt) {
                refuse("'if' is not used in a consequence: write a rule for each case, or choose a value with a ? b : c");
                return;
            }
            if (!(statement instanceof ExpressionStmt e)) {
                refuse(inWords(statement) + " are not used in a consequence; " + CONCLUDE);
                return;
            }
            Expression expression = e.getExpression();
            if (expression instanceof VariableDeclarationExpr) {
                refuse("local variables are not used in a consequence: bind the value in the condition ($x : field)");
                return;
            }
            if (!(expression instanceof MethodCallExpr call) || call.getScope().isPresent()
                    || !call.getNameAsString().equals("insertLogical") || call.getArguments().size() != 1) {
                value(expression); // says what is wrong with it in particular, if it can
                if (!refused) {
                    refuse(CONCLUDE);
                }
                return;
            }
            if (!(call.getArgument(0) instanceof ObjectCreationExpr created) || created.getScope().isPresent()
                    || created.getAnonymousClassBody().isPresent() || created.getTypeArguments().isPresent()
                    || created.getType().getScope().isPresent() || created.getType().getTypeArguments().isPresent()) {
                refuse("insertLogical concludes a new fact: insertLogical( new <fact>( ... ) )");
                return;
            }
            String fact = created.getType().getNameAsString();
            if (!vocabulary.concluded.containsKey(fact)) {
                refuse("'" + fact + "' is not a fact rules conclude" + ConditionCheck.closest(fact,
                        vocabulary.concluded.keySet()) + "; they conclude " + String.join(", ",
                        new TreeSet<>(vocabulary.concluded.keySet())));
                return;
            }
            created.getArguments().forEach(this::value);
        }

        /** The value's type where it is known (null where not, or refused). */
        Class<?> value(Expression e) {
            if (e instanceof TextBlockLiteralExpr) {
                return refuse("text blocks (\"\"\") are not used in rule files: write a string in double quotes, "
                        + "joined with + where it is long");
            }
            if (e instanceof StringLiteralExpr) {
                return String.class;
            }
            if (e instanceof IntegerLiteralExpr) {
                return int.class;
            }
            if (e instanceof LongLiteralExpr) {
                return long.class;
            }
            if (e instanceof BooleanLiteralExpr) {
                return boolean.class;
            }
            if (e instanceof NullLiteralExpr) {
                return null;
            }
            if (e instanceof NameExpr name) {
                return name(name.getNameAsString());
            }
            if (e instanceof FieldAccessExpr access) {
                return constant(access);
            }
            if (e instanceof MethodCallExpr call) {
                return call(call);
            }
            if (e instanceof BinaryExpr binary) {
                if (!OPERATORS.contains(binary.getOperator())) {
                    return refuse("'" + binary.getOperator().asString() + "' is not used in rule files");
                }
                Class<?> left = value(binary.getLeft());
                Class<?> right = value(binary.getRight());
                return binary.getOperator() == BinaryExpr.Operator.PLUS && (left == String.class
                        || right == String.class) ? String.class : null;
            }
            if (e instanceof UnaryExpr unary) {
                if (unary.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
                        && unary.getOperator() != UnaryExpr.Operator.MINUS) {
                    return refuse("'" + unary.getOperator().asString() + "' is not used in rule files: rules change "
                            + "no values");
                }
                return value(unary.getExpression());
            }
            if (e instanceof ConditionalExpr conditional) {
                value(conditional.getCondition());
                Class<?> then = value(conditional.getThenExpr());
                Class<?> otherwise = value(conditional.getElseExpr());
                return then == otherwise ? then : null;
            }
            if (e instanceof EnclosedExpr enclosed) {
                return value(enclosed.getInner());
            }
            if (e instanceof ObjectCreationExpr) {
                return refuse("'new' is used only for the fact insertLogical concludes");
            }
            return refuse(inWords(e) + " are not used in rule files; " + CONCLUDE);
        }

        private Class<?> name(String name) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
            if (ENGINE_WORDS.containsKey(name)) {
                return refuse(ENGINE_WORDS.get(name));
            }
            if (vocabulary.vocabularies.containsKey(name) || name.equals("List")) {
                return refuse("'" + name + "' is a type, not a value: name one of its values or call List.of");
            }
            return refuse("'" + name + "' is not " + (inFunction ? "a parameter of this function"
                    : "bound in this rule's conditions") + ConditionCheck.closest(name, scope.keySet()));
        }

        private Class<?> constant(FieldAccessExpr access) {
            String name = access.getNameAsString();
            if (access.getScope() instanceof NameExpr type && vocabulary.vocabularies.containsKey(type.getNameAsString())) {
                Class<?> vocabularyType = vocabulary.vocabularies.get(type.getNameAsString());
                return vocabulary.hasConstant(vocabularyType, name) ? vocabularyType : refuse("'" + type + "." + name
                        + "' is not a value of " + type + ConditionCheck.closest(name, vocabulary.constantsOf(vocabularyType)));
            }
            if (access.getScope() instanceof NameExpr type && !scope.containsKey(type.getNameAsString())
                    && !vocabulary.vocabularies.containsKey(type.getNameAsString())) {
                return refuse("'" + type.getNameAsString() + "' is not something rules may use"
                        + ConditionCheck.closest(type.getNameAsString(), vocabulary.vocabularies.keySet())
                        + ": rules name the fact model, its vocabularies (" + String.join(", ",
                        new TreeSet<>(vocabulary.vocabularies.keySet())) + ") and List.of");
            }
            value(access.getScope());
            return refuse("'." + name + "' is read with its accessor in a consequence: ." + name + "()");
        }

        private Class<?> call(MethodCallExpr call) {
            String name = call.getNameAsString();
            if (call.getTypeArguments().isPresent()) {
                return refuse("type arguments are not used in rule files");
            }
            if (call.getScope().isEmpty()) {
                if (ENGINE_WORDS.containsKey(name) || name.equals("insertLogical")) {
                    return refuse(name.equals("insertLogical") ? CONCLUDE : ENGINE_WORDS.get(name));
                }
                if (!functions.containsKey(name)) {
                    Set<String> callable = new TreeSet<>(functions.keySet());
                    callable.add("insertLogical");
                    String meant = ConditionCheck.closest(name, callable);
                    return refuse("'" + name + "(...)' is not something rules may call"
                            + (meant.isEmpty() ? "; " + vocabulary.methodsInWords() : meant));
                }
                if (inFunction) {
                    return refuse("functions may not call functions, so nothing can recurse");
                }
                call.getArguments().forEach(this::value);
                return functions.get(name);
            }
            Expression scopeExpression = call.getScope().get();
            if (scopeExpression instanceof NameExpr list && list.getNameAsString().equals("List")
                    && !scope.containsKey("List")) {
                call.getArguments().forEach(this::value);
                return name.equals("of") ? java.util.List.class : refuse("'List." + name + "(...)' is not something "
                        + "rules may call: List.of( ... ) makes a list");
            }
            if (scopeExpression instanceof NameExpr type && !scope.containsKey(type.getNameAsString())
                    && !ENGINE_WORDS.containsKey(type.getNameAsString())) {
                return refuse("'" + type.getNameAsString() + "' is not something rules may use"
                        + ConditionCheck.closest(type.getNameAsString(), scope.keySet())
                        + ": rules name the fact model, its vocabularies and List.of");
            }
            Class<?> owner = value(scopeExpression);
            call.getArguments().forEach(this::value);
            if (refused) {
                return null;
            }
            boolean allowed = owner != null && owner != Object.class ? vocabulary.callableOn(owner, name)
                    : vocabulary.methods.contains(name);
            if (!allowed) {
                return refuse("'." + name + "(...)' is not something rules may call"
                        + (owner == null ? "" : " on " + owner.getSimpleName())
                        + ConditionCheck.closest(name, vocabulary.methods) + "; " + vocabulary.methodsInWords());
            }
            return owner == null ? null : RuleVocabulary.returnType(owner, name, call.getArguments().size());
        }

        private Class<?> refuse(String message) {
            if (!refused) {
                problem.accept(message);
            }
            refused = true;
            return null;
        }
    }

    /** A construct, as an author calls it: "lambdas", "casts", "char literals". */
    static String inWords(Node node) {
        String name = node.getClass().getSimpleName();
        return switch (name) {
            case "LambdaExpr" -> "lambdas";
            case "MethodReferenceExpr" -> "method references";
            case "CastExpr", "InlineCastExpr", "FullyQualifiedInlineCastExpr" -> "casts";
            case "InstanceOfExpr" -> "instanceof tests";
            case "ArrayCreationExpr", "ArrayInitializerExpr", "ArrayAccessExpr" -> "arrays";
            case "AssignExpr" -> "assignments";
            case "ThisExpr" -> "'this'";
            case "SuperExpr" -> "'super'";
            case "ClassExpr" -> "classes and .class";
            case "SwitchExpr", "SwitchStmt" -> "switches";
            case "CharLiteralExpr" -> "char literals";
            case "DoubleLiteralExpr", "BigDecimalLiteralExpr" -> "decimal numbers";
            case "StringLiteralExpr" -> "strings";
            case "ConditionalExpr" -> "ternaries (a ? b : c)";
            case "ObjectCreationExpr" -> "'new'";
            case "TryStmt", "ThrowStmt" -> "exceptions";
            case "SynchronizedStmt" -> "threads and locks";
            case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt" -> "classes";
            case "ReturnStmt" -> "returns";
            case "BlockStmt" -> "blocks { }";
            case "HalfBinaryExpr" -> "conditions that leave out the field (> 1 && < 5)";
            case "NullSafeFieldAccessExpr", "NullSafeMethodCallExpr" -> "null-safe navigation (!.)";
            case "OOPathExpr" -> "OOPath expressions";
            case "RegexExpr" -> "regular expressions";
            case "ListCreationLiteralExpression", "MapCreationLiteralExpression" -> "inline lists and maps";
            case "TemporalLiteralExpr" -> "time literals";
            default -> name.replaceAll("(Expr|Stmt|Expression)$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase() + " expressions";
        };
    }
}
