package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The second wall: should the source check ever let code through, the classes compiled from rules are read back,
 * and a reference to anything but the fact model, its pure methods and what the compiler adds is refused.
 */
class BytecodeCheckTest {

    private final BytecodeCheck check = new BytecodeCheck(new RuleVocabulary(), "rules");

    /** A class of the rules package whose one method makes the given call. */
    private static byte[] consequenceCalling(String owner, String name, String descriptor, boolean isStatic) {
        return classCalling("rules/Rule_Sneaky", owner, name, descriptor, isStatic);
    }

    private static byte[] classCalling(String className, String owner, String name, String descriptor,
            boolean isStatic) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, className, null, "java/lang/Object", null);
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "defaultConsequence", "()V",
                null, null);
        m.visitCode();
        if (!isStatic) {
            m.visitInsn(Opcodes.ACONST_NULL);
        }
        m.visitMethodInsn(isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKEVIRTUAL, owner, name, descriptor, false);
        m.visitInsn(Opcodes.POP);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    @Test
    void aCompiledCallToTheHostIsRefused() {
        List<RuleProblem> problems = check.check(Map.of("rules/Rule_Sneaky",
                consequenceCalling("java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", true)),
                name -> new RuleProblem(Kind.RULE_LANGUAGE, "rules/sneaky.drl", 7, null, ""));

        assertEquals(List.of(new RuleProblem(Kind.RULE_LANGUAGE, "rules/sneaky.drl", 7, null,
                "the compiled rule refers to java.lang.Runtime.getRuntime, which rules may not use")), problems);
    }

    @Test
    void aCompiledRegularExpressionIsRefused() {
        List<RuleProblem> problems = check.check(Map.of("rules/Rule_Sneaky",
                consequenceCalling("java/lang/String", "matches", "(Ljava/lang/String;)Z", false)),
                name -> new RuleProblem(Kind.RULE_LANGUAGE, "rules/sneaky.drl", 7, null, ""));

        assertTrue(problems.get(0).message().contains("java.lang.String.matches"), problems::toString);
    }

    @Test
    void aCompiledPureMethodOfTheFactModelPasses() {
        assertEquals(List.of(), check.check(Map.of("rules/Rule_Fine", consequenceCalling(
                "org/acupressurecds/knowledge/Verdict", "inWords", "()Ljava/lang/String;", false)),
                name -> new RuleProblem(Kind.RULE_LANGUAGE, "rules/fine.drl", 7, null, "")));
    }

    @Test
    void aClassOutsideTheRulesPackageIsRefused() {
        List<RuleProblem> problems = check.check(Map.of("evil/Sneaky", classCalling("evil/Sneaky",
                "org/acupressurecds/knowledge/Verdict", "inWords", "()Ljava/lang/String;", false)),
                name -> new RuleProblem(Kind.RULE_LANGUAGE, "rules/sneaky.drl", 7, null, ""));

        assertTrue(problems.get(0).message().contains("a class outside the rules package (evil/Sneaky)"),
                problems::toString);
    }
}
