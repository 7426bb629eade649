package org.lesionsim.notifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Lesionsim-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. The
 * timestamp ({@code X-Lesionsim-Timestamp}, epoch seconds) is signed with the body, so a receiver
 * that refuses old timestamps also refuses replays; it recomputes the value over the raw body it
 * received and compares in constant time ({@link #matches}).
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Lesionsim-Signature";
    public static final String TIMESTAMP_HEADER = "X-Lesionsim-Timestamp";
    public static final String DELIVERY_HEADER = "X-Lesionsim-Delivery";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "sha256=" + hmacSha256Hex(secret, signed);
    }

    /** Whether {@code header} is the signature of {@code body} at {@code timestamp}, compared in constant time. */
    public static boolean matches(String secret, String timestamp, byte[] body, String header) {
        return header != null && MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacSha256Hex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
