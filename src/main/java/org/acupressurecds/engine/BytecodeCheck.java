package org.acupressurecds.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.knowledge.FactModel;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The second wall: the classes the compiler made of consequences and functions are read back with ASM, and every
 * class, method and field they refer to must be on the list: the fact model's constructors and fields, the pure
 * methods of {@link RuleVocabulary}, List.of, what the compiler adds for boxing and string concatenation, the
 * classes of the rules package itself, and the few Drools internals the generated wrappers call. Whatever the source
 * check missed, a call to anything else is found here before the rule set can run. (Conditions are interpreted, not
 * compiled to classes: for them the checked tree is the wall.)
 */
final class BytecodeCheck {

    /** What the compiler adds: boxing, and string concatenation through invokedynamic. */
    private static final Set<String> COMPILER_MEMBERS = Set.of(
            "java/lang/Object.<init>()V",
            "java/lang/Integer.valueOf(I)Ljava/lang/Integer;", "java/lang/Integer.intValue()I",
            "java/lang/Long.valueOf(J)Ljava/lang/Long;", "java/lang/Long.longValue()J",
            "java/lang/Boolean.valueOf(Z)Ljava/lang/Boolean;", "java/lang/Boolean.booleanValue()Z");
    private static final Set<String> COMPILER_FIELDS = Set.of("java/lang/Boolean.TRUE", "java/lang/Boolean.FALSE");
    private static final String STRING_CONCATENATION = "java/lang/invoke/StringConcatFactory.makeConcatWithConstants";

    /** How a consequence concludes: the engine's one method rules use. */
    private static final String INSERT_LOGICAL = "org/drools/core/rule/consequence/KnowledgeHelper.insertLogical("
            + "Ljava/lang/Object;)Lorg/kie/api/runtime/rule/FactHandle;";
    /** What Drools' generated consequence wrappers call (DefaultConsequenceInvoker), and only they. */
    private static final Set<String> WRAPPERS = Set.of("org/drools/mvel/asm/ConsequenceStub",
            "org/drools/base/rule/accessor/CompiledInvoker");
    private static final Set<String> WRAPPER_MEMBERS = Set.of(
            "java/lang/Object.getClass()Ljava/lang/Class;",
            "org/drools/base/rule/accessor/CompiledInvoker.getMethodBytecode()Ljava/lang/String;",
            "org/drools/base/rule/consequence/Consequence.evaluate(Lorg/drools/base/rule/consequence/ConsequenceContext;"
                    + "Lorg/drools/base/base/ValueResolver;)V",
            "org/drools/mvel/asm/ConsequenceGenerator.generate(Lorg/drools/mvel/asm/ConsequenceStub;"
                    + "Lorg/drools/base/rule/consequence/ConsequenceContext;Lorg/drools/base/base/ValueResolver;)V",
            "org/drools/mvel/asm/MethodComparator.compareBytecode(Ljava/lang/String;Ljava/lang/String;)Z",
            "org/drools/mvel/asm/MethodComparator.getMethodBytecode(Ljava/lang/Class;Ljava/lang/String;"
                    + "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;");
    private static final Set<String> SUPERTYPES = Set.of("java/lang/Object", "java/io/Externalizable",
            "org/drools/mvel/asm/ConsequenceStub", "org/drools/base/rule/accessor/CompiledInvoker");

    /** The engine's types the generated code casts to: the consequence's context, the wrappers' own interface. */
    private static final Set<String> ENGINE_TYPES = Set.of("org/drools/core/rule/consequence/KnowledgeHelper",
            "org/drools/base/rule/accessor/CompiledInvoker");

    private final Set<String> members;
    private final Set<String> types;
    private final String ownPackage;

    BytecodeCheck(RuleVocabulary vocabulary, String rulesPackage) {
        Set<String> allowed = new LinkedHashSet<>(vocabulary.compiledMembers());
        allowed.addAll(COMPILER_MEMBERS);
        allowed.add(INSERT_LOGICAL);
        members = Set.copyOf(allowed);
        Set<String> values = new LinkedHashSet<>();
        Stream.concat(FactModel.FACTS.stream(), FactModel.VOCABULARIES.stream()).map(Type::getInternalName)
                .forEach(values::add);
        values.addAll(List.of("java/lang/Object", "java/lang/String", "java/lang/Integer", "java/lang/Long",
                "java/lang/Boolean", "java/time/LocalDate", "java/util/List", "java/util/Set", "java/util/Collection"));
        types = Set.copyOf(values);
        ownPackage = rulesPackage + "/";
    }

    /**
     * The problems of the compiled classes (internal class name to bytes); where names a class's source, as
     * file:line, for the author (null where unknown).
     */
    List<RuleProblem> check(Map<String, byte[]> classes, Function<String, RuleProblem> where) {
        List<RuleProblem> problems = new ArrayList<>();
        new TreeMap<>(classes).forEach((name, bytes) -> {
            Set<String> refused = new LinkedHashSet<>();
            new ClassReader(bytes).accept(new Reader(refused), ClassReader.SKIP_DEBUG);
            if (!refused.isEmpty()) {
                RuleProblem at = where.apply(name.replace('.', '/'));
                problems.add(new RuleProblem(Kind.RULE_LANGUAGE, at.file(), at.line(), null, "the compiled rule refers to "
                        + String.join(", ", refused) + ", which rules may not use"));
            }
        });
        return problems;
    }

    private boolean own(String owner) {
        return owner.startsWith(ownPackage) && owner.indexOf('/', ownPackage.length()) < 0;
    }

    /** Collects every reference to something not on the list. */
    private final class Reader extends ClassVisitor {
        private final Set<String> refused;
        private boolean wrapper;

        Reader(Set<String> refused) {
            super(Opcodes.ASM9);
            this.refused = refused;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            if (!own(name)) {
                refused.add("a class outside the rules package (" + name + ")");
            }
            Stream.concat(Stream.ofNullable(superName), Stream.of(interfaces == null ? new String[0] : interfaces))
                    .filter(t -> !SUPERTYPES.contains(t)).forEach(t -> refused.add("the type " + t));
            wrapper = interfaces != null && Stream.of(interfaces).anyMatch(WRAPPERS::contains);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                refused.add("a native method");
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    String member = owner + "." + method + desc;
                    if (!own(owner) && !members.contains(member) && !(wrapper && WRAPPER_MEMBERS.contains(member))) {
                        refused.add(owner.replace('/', '.') + "." + method);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                    boolean constant = opcode == Opcodes.GETSTATIC && (types.contains(owner)
                            && FactModel.VOCABULARIES.stream().anyMatch(v -> Type.getInternalName(v).equals(owner))
                            || COMPILER_FIELDS.contains(owner + "." + field));
                    if (!own(owner) && !constant) {
                        refused.add(owner.replace('/', '.') + "." + field);
                    }
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    // Only what rules conclude is created; a cast or an array of values runs nothing.
                    boolean allowed = opcode == Opcodes.NEW ? members.stream().anyMatch(m -> m.startsWith(type + ".<init>"))
                            : types.contains(type) || ENGINE_TYPES.contains(type);
                    if (!own(type) && !allowed) {
                        refused.add("the type " + type.replace('/', '.'));
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... arguments) {
                    if (!(bootstrap.getOwner() + "." + bootstrap.getName()).equals(STRING_CONCATENATION)) {
                        refused.add("invokedynamic " + bootstrap.getOwner().replace('/', '.') + "."
                                + bootstrap.getName());
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type || value instanceof Handle || value instanceof ConstantDynamic) {
                        refused.add("the constant " + value);
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String desc, int dimensions) {
                    refused.add("the array " + desc);
                }
            };
        }
    }
}
