import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The signed tokens of the HTTP benchmark with authentication on (src/bench/http.sh), from the JDK alone
 * (java src/bench/Tokens.java ...):
 *
 * <pre>
 *   java src/bench/Tokens.java keys DIR   # oidc-public-key.txt, clinician.token, ehr-jwks.json, ehr-private-key.der
 *   java src/bench/Tokens.java ehr DIR AUDIENCE COUNT FILE...   # COUNT EHR tokens in each FILE, each its own jti
 *   java -Dlifetime=90 src/bench/Tokens.java ehr ...           # living 90 s rather than CDS Hooks' longest, 300
 * </pre>
 *
 * A clinician's access token is reused call after call, as a client does until it expires. An EHR signs each CDS
 * Hooks call with a new jti, which the service accepts once: so the load generator reads a fresh one per call. The
 * service remembers a jti until its token's exp plus the clock skew, at most cds.hooks.max-tokens-in-flight (100,000)
 * of one client: with 5-minute tokens, a client's calls beyond about 270 a second, sustained, are refused.
 */
public class Tokens {

    static final String EHR_ISSUER = "https://ehr.bench.example";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("keys")) {
            KeyPair oidc = rsa();
            Files.writeString(dir.resolve("oidc-public-key.txt"),
                    Base64.getEncoder().encodeToString(oidc.getPublic().getEncoded()));
            long now = Instant.now().getEpochSecond();
            Files.writeString(dir.resolve("clinician.token"), jwt("RS256", null, oidc.getPrivate(), """
                    {"iss":"https://idp.bench.example","aud":"acupressure-cds","sub":"bench-clinician",\
                    "groups":["clinician"],"iat":%d,"exp":%d}""".formatted(now, now + 3600)));
            KeyPair ehr = rsa();
            RSAPublicKey key = (RSAPublicKey) ehr.getPublic();
            Files.writeString(dir.resolve("ehr-jwks.json"), """
                    {"keys":[{"kty":"RSA","kid":"bench","alg":"RS384","use":"sig","n":"%s","e":"%s"}]}"""
                    .formatted(unsigned(key.getModulus()), unsigned(key.getPublicExponent())));
            Files.write(dir.resolve("ehr-private-key.der"), ehr.getPrivate().getEncoded());
        } else {
            PrivateKey key = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("ehr-private-key.der"))));
            String audience = args[2];
            int count = Integer.parseInt(args[3]);
            long now = Instant.now().getEpochSecond();
            // CDS Hooks: at most 5 minutes from iat to exp. The files are made just before the run that reads them.
            long lifetime = Long.getLong("lifetime", 300);
            java.util.Arrays.stream(args, 4, args.length).parallel().forEach(file -> {
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    tokens.add(jwt("RS384", "bench", key, """
                            {"iss":"%s","sub":"bench-ehr","aud":"%s","iat":%d,"exp":%d,"jti":"%s"}"""
                            .formatted(EHR_ISSUER, audience, now, now + lifetime, UUID.randomUUID())));
                }
                try {
                    Files.write(dir.resolve(file), tokens);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String jwt(String alg, String kid, PrivateKey key, String claims) {
        String header = kid == null ? "{\"alg\":\"%s\",\"typ\":\"JWT\"}".formatted(alg)
                : "{\"alg\":\"%s\",\"typ\":\"JWT\",\"kid\":\"%s\"}".formatted(alg, kid);
        String signed = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(alg.equals("RS384") ? "SHA384withRSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK's big integer: its magnitude, big-endian, without the sign byte. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return URL.encodeToString(bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
