package org.acupressurecds.knowledge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a fact, or a field of one, means to a rule author: the rule authors' glossary (FactGlossary) is generated from
 * it. values: the allowed values where the type alone does not say them (a range, or when null is possible).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface Meaning {

    String value();

    String values() default "";
}
