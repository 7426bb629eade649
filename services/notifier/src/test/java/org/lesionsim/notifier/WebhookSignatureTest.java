package org.lesionsim.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void hmacSha256MatchesTheRfc4231Vector() {
        // RFC 4231, test case 2
        assertThat(WebhookSignature.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theSignatureCoversTimestampDotBody() {
        byte[] body = "{\"caseId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("s3cret", "1700000000", body);
        assertThat(signature).isEqualTo("sha256=" + WebhookSignature.hmacSha256Hex("s3cret",
                "1700000000.{\"caseId\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSignature.matches("s3cret", "1700000000", body, signature)).isTrue();
        assertThat(WebhookSignature.matches("s3cret", "1700000001", body, signature)).as("other timestamp").isFalse();
        assertThat(WebhookSignature.matches("other", "1700000000", body, signature)).as("other secret").isFalse();
        assertThat(WebhookSignature.matches("s3cret", "1700000000", "{\"caseId\":\"y\"}".getBytes(StandardCharsets.UTF_8), signature))
                .as("other body").isFalse();
        assertThat(WebhookSignature.matches("s3cret", "1700000000", body, null)).isFalse();
    }
}
