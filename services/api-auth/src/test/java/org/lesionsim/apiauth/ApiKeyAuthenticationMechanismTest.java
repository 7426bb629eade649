package org.lesionsim.apiauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticationMechanismTest {

    @Test
    void theKeyIsReadFromBearerFirstThenFromXApiKey() {
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("Bearer abc", "xyz")).isEqualTo("abc");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("bearer abc", null)).isEqualTo("abc");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("Basic dXNlcjpwdw==", "xyz")).isEqualTo("xyz");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(null, " xyz ")).isEqualTo("xyz");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("Bearer ", " ")).isNull();
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(null, null)).isNull();
    }

    @Test
    void theConfiguredHashIsTheSha256OfTheKeysUtf8Bytes() {
        // FIPS 180-2 test vector: SHA-256("abc")
        assertThat(HexFormat.of().formatHex(ApiKeyIdentityProvider.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theRequestNeverShowsTheKey() {
        assertThat(new ApiKeyAuthenticationRequest("s3cr3t-key").toString()).doesNotContain("s3cr3t");
    }
}
