package org.lesionsim.dicom;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a DICOM UID by a pseudonym: {@code "2.25." + new BigInteger(1, first 16 bytes of
 * HMAC-SHA256(key, uid))}, the UUID-derived form of PS3.5 B.2 (at most 44 characters, digits and
 * dots, no leading zero). The same UID under the same key always gives the same pseudonym, so the
 * hospital, holding the key, recomputes the pseudonym of its own UID to match a result back;
 * without the key the real UID cannot be recovered or confirmed.
 *
 * <p>The UID is hashed as its ASCII text with DICOM padding (trailing NUL or space) removed. The
 * key is never logged: {@link #toString} does not show it.
 */
public final class UidPseudonym {
    /** HMAC-SHA256 takes any length; fewer bytes than this is a password, not a key. */
    public static final int MIN_KEY_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public UidPseudonym(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
    }

    /** A key given as configuration text, used as its UTF-8 bytes. */
    public static UidPseudonym fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("no pseudonym key configured");
        }
        return new UidPseudonym(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The pseudonym of {@code uid}. */
    public String of(String uid) {
        String plain = strip(uid);
        if (plain.isEmpty()) {
            throw new IllegalArgumentException("an empty UID has no pseudonym");
        }
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(key);
            mac = hmac.doFinal(plain.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
        return "2.25." + new BigInteger(1, Arrays.copyOf(mac, 16));
    }

    private static String strip(String uid) {
        if (uid == null) {
            return "";
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end).strip();
    }

    @Override
    public String toString() {
        return "UidPseudonym[HMAC-SHA256, key not shown]";
    }
}
