package org.acupressurecds.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Keys the tests make, and tokens signed with them: an EHR's (CDS Hooks) and people's (OpenID Connect). */
final class Keys {

    static final String EHR_ISSUER = "https://ehr.example.test";
    static final String SECOND_EHR_ISSUER = "https://second-ehr.example.test";
    static final String ALLOWED_JKU = "https://ehr.example.test/.well-known/jwks.json";

    static final PublicJsonWebKey EHR_RSA = generate(() -> RsaJwkGenerator.generateJwk(2048), "ehr-rsa");
    static final PublicJsonWebKey EHR_EC = generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P384), "ehr-ec");
    /** Same kid as the EHR's RSA key, but not the EHR's. */
    static final PublicJsonWebKey IMPOSTOR = generate(() -> RsaJwkGenerator.generateJwk(2048), "ehr-rsa");
    static final PublicJsonWebKey OIDC = generate(() -> RsaJwkGenerator.generateJwk(2048), "idp");

    interface KeyMaker {
        PublicJsonWebKey make() throws JoseException;
    }

    private Keys() {
    }

    private static PublicJsonWebKey generate(KeyMaker maker, String kid) {
        try {
            PublicJsonWebKey key = maker.make();
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The EHR's public keys, as the file cds.hooks.clients."ehr".jwks names. */
    static Path ehrJwksFile() {
        try {
            Path file = Files.createTempFile("ehr-jwks", ".json");
            file.toFile().deleteOnExit();
            String jwks = new JsonWebKeySet(List.<JsonWebKey>of(publicOnly(EHR_RSA), publicOnly(EHR_EC)))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            Files.writeString(file, jwks);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonWebKey publicOnly(PublicJsonWebKey key) throws JoseException {
        return JsonWebKey.Factory.newJwk(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** The identity provider's public key, as quarkus.oidc.public-key takes it. */
    static String oidcPublicKey() {
        return Base64.getEncoder().encodeToString(OIDC.getPublicKey().getEncoded());
    }

    /** A CDS Hooks JWT as the spec describes it; change lets a test break one part. */
    static String ehrToken(PublicJsonWebKey key, String alg, String audience, java.util.function.Consumer<JwtClaims> change,
            Map<String, String> headers) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(EHR_ISSUER);
        claims.setSubject("ehr-client-7");
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        headers.forEach(jws::setHeader);
        try {
            if (alg.equals(AlgorithmIdentifiers.NONE)) {
                jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
            } else if (alg.startsWith("HS")) {
                // The classic confusion attack: the public key's bytes as an HMAC secret.
                jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));
                jws.setDoKeyValidation(false);
            } else {
                jws.setKey(key.getPrivateKey());
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String ehrToken(PublicJsonWebKey key, String alg, String audience) {
        return ehrToken(key, alg, audience, c -> { }, Map.of());
    }

    static final String OIDC_ISSUER = "https://idp.example.test/realms/cds";
    static final String OIDC_AUDIENCE = "acupressure-cds";

    /** A person's access token from the identity provider, with roles in the groups claim. */
    static String personToken(String name, String... roles) {
        return personToken(c -> { }, name, roles);
    }

    /** As above; change lets a test break one part. */
    static String personToken(java.util.function.Consumer<JwtClaims> change, String name, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(OIDC_ISSUER);
        claims.setAudience(OIDC_AUDIENCE);
        claims.setSubject(name);
        claims.setClaim("upn", name);
        claims.setStringListClaim("groups", roles);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 300));
        claims.setJwtId(UUID.randomUUID().toString());
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(OIDC.getKeyId());
        jws.setKey(OIDC.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
