package org.acupressurecds.http;

/**
 * The version of the rules serving now, for every log line of a request: told to this layer by the one that serves
 * the rules, which stands above it.
 */
public interface ServingVersion {

    /** The version serving; null before the first rules are served. */
    String servingVersion();
}
