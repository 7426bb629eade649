package org.lesionsim.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A pseudonym is a valid UID, the same for one UID under one key, and tells nothing without the key. */
class UidPseudonymTest {
    private static final String KEY = "hospital-key-0123456789";
    private static final String UID = "1.2.826.0.1.3680043.8.498.1003";
    /** PS3.5 9.1: components of digits without a leading zero (except "0" itself), separated by dots. */
    private static final String UID_FORM = "(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*";

    @Test
    void isTheHmacOfTheUidAsA225Uid() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] h = mac.doFinal(UID.getBytes(StandardCharsets.US_ASCII));
        String expected = "2.25." + new BigInteger(1, Arrays.copyOf(h, 16));
        assertThat(UidPseudonym.fromSecret(KEY).of(UID)).isEqualTo(expected);
    }

    @Test
    void isDeterministicPerKeyAndDiffersAcrossKeys() {
        UidPseudonym a = UidPseudonym.fromSecret(KEY);
        assertThat(a.of(UID)).isEqualTo(UidPseudonym.fromSecret(KEY).of(UID));
        assertThat(a.of(UID)).isNotEqualTo(UidPseudonym.fromSecret("another-hospital-key-42").of(UID));
        assertThat(a.of(UID)).isNotEqualTo(a.of(UID + "1"));
        // DICOM pads an odd-length UID with a NUL; the padded and the plain UID are the same UID
        assertThat(a.of(UID + "\0")).isEqualTo(a.of(UID));
    }

    @Test
    void everyPseudonymIsAValidUid() {
        UidPseudonym p = UidPseudonym.fromSecret(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String pseudonym = p.of("1.2.3." + i);
            assertThat(pseudonym).hasSizeLessThanOrEqualTo(64).startsWith("2.25.").matches(UID_FORM);
            seen.add(pseudonym);
        }
        assertThat(seen).hasSize(2000);
    }

    @Test
    void theKeyIsNeverShownAndAShortKeyIsRefused() {
        assertThat(UidPseudonym.fromSecret(KEY).toString()).doesNotContain(KEY);
        assertThatThrownBy(() -> UidPseudonym.fromSecret("short")).hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> UidPseudonym.fromSecret(" ")).hasMessageContaining("no pseudonym key");
        assertThatThrownBy(() -> UidPseudonym.fromSecret(KEY).of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
