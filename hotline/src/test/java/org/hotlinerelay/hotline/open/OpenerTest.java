// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenerTest {
  private static KeysetHandle hotline;
  private static byte[] sealed;
  private static Opener opener;

  @BeforeAll
  static void seal() throws Exception {
    hotline = TestKeys.hotlinePrivate();
    sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(TestReports.typical());
    opener = Opener.create(hotline);
  }

  @Test
  void open_failsWithOneFlippedByteAnywhere() {
    // Every 61st byte, and the first and last 64: header, encapsulated key, body and tag.
    for (int i = 0; i < sealed.length; i++) {
      if (i % 61 != 0 && i >= 64 && i < sealed.length - 64) {
        continue;
      }
      byte[] changed = sealed.clone();
      changed[i] ^= 0x01;
      int position = i;
      assertThrows(DecryptionFailedException.class, () -> opener.open(changed), "byte " + position);
    }
  }

  @Test
  void open_failsWithTruncatedCiphertext() {
    assertThrows(MalformedMessageException.class, () -> opener.open(Arrays.copyOf(sealed, sealed.length - 1)));
    assertThrows(MalformedMessageException.class, () -> opener.open(new byte[0]));
  }

  @Test
  void open_failsWithAnotherContext() throws Exception {
    HybridEncrypt raw = TestKeys.publicOf(hotline).handle()
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    byte[] otherContext = raw.encrypt(ReportCodec.encode(TestReports.typical()),
        "hotline-relay/report/v2".getBytes(StandardCharsets.US_ASCII));
    assertEquals(HpkeSuite.SEALED_BYTES, otherContext.length);
    assertThrows(DecryptionFailedException.class, () -> opener.open(otherContext));
  }

  @Test
  void open_failsWithFutureVersionInsideTheSeal() throws Exception {
    HybridEncrypt raw = TestKeys.publicOf(hotline).handle()
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    String json = new String(ReportCodec.toJson(TestReports.typical()), StandardCharsets.UTF_8)
        .replace("\"v\":1", "\"v\":9");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] padded = java.nio.ByteBuffer.allocate(Limits.PADDED_PLAINTEXT_BYTES).putInt(body.length).put(body).array();
    byte[] future = raw.encrypt(padded, HpkeSuite.CONTEXT);
    assertThrows(UnsupportedVersionException.class, () -> opener.open(future));
  }

  @Test
  void open_failsWithAWrongKey() throws Exception {
    Opener wrong = Opener.create(TestKeys.hotlinePrivate());
    assertThrows(DecryptionFailedException.class, () -> wrong.open(sealed));
  }

  @Test
  void toString_printsNoKeyMaterial() {
    assertEquals("Opener[redacted]", opener.toString());
  }
}
