package org.acupressurecds.records;

/**
 * Who asked for a decision: for an EHR the client's iss and the token's sub; for a person the client id and the
 * signed-in user. Both null in open mode, where no one signs in.
 */
public record Requester(String issuer, String subject) {

    public static final Requester ANONYMOUS = new Requester(null, null);
}
