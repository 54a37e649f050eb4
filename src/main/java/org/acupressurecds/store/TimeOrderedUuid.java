package org.acupressurecds.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): the time in milliseconds, then 74 random bits. Records keyed by it are inserted at the
 * end of their indexes, not at random places in them: with random (version 4) keys, each commit of the embedded
 * store rewrote pages all over the decision and card indexes, twice the time and the disk. The random part keeps an
 * id unguessable.
 */
public final class TimeOrderedUuid {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {
    }

    public static UUID next() {
        return at(Clock.systemUTC().millis());
    }

    public static UUID at(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = (randB << 8) | (random[i] & 0xffL);
        }
        long high = (epochMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | randA;
        long low = randB & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L; // the variant of RFC 9562: 10
        return new UUID(high, low);
    }
}
