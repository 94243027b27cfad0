// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.testing.TestOpener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * The wire format, pinned: the golden envelope (a report) and cover envelope verify, the report
 * opens to the golden report, and both re-encode byte for byte; the report envelope's bytes are
 * pinned by their SHA-256. If this fails, the change altered the one envelope format: before the
 * first release, regenerate the files ({@link GoldenFiles}) and say so; after it, add a version.
 */
class GoldenFilesTest {
  private static final String GOLDEN_ENVELOPE_SHA256 = "f90a4506b4c00596000d5745d8bf0f3992678c1cf9e9dbf953799076a47f1ebd";

  private static byte[] bytes(String name) {
    return TestKeys.testdata(name).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binary(String name) throws Exception {
    try (InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream("testdata/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no testdata/" + name);
      }
      return in.readAllBytes();
    }
  }

  private static EnvelopeVerifier goldenRelay() throws Exception {
    return EnvelopeVerifier.create(List.of(RelayPublicKey.parse(bytes("relay-golden.public.json"))));
  }

  @Test
  void envelope_verifiesOpensAndEqualsTheGoldenReport() throws Exception {
    Envelope envelope = EnvelopeBinary.decode(binary("envelope.bin"));
    assertEquals(Envelope.VERSION, envelope.version());
    assertFalse(envelope.cover());
    goldenRelay().verify(envelope);
    Report report = TestOpener.open(TestKeys.goldenHotlinePrivate(), envelope.sealed());
    assertEquals(ReportCodec.fromJson(bytes("report-v1.json")), report);
    assertEquals(GoldenFiles.REPORT, report);
    assertEquals(HpkeSuite.SEALED_BYTES, envelope.sealed().length);
  }

  @Test
  void envelope_isPinned_andReEncodesByteForByte() throws Exception {
    byte[] golden = binary("envelope.bin");
    assertEquals(GOLDEN_ENVELOPE_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(golden)));
    assertArrayEquals(golden, EnvelopeBinary.encode(EnvelopeBinary.decode(golden)));
  }

  @Test
  void coverEnvelope_verifies_isCover_andHasAReportsLength() throws Exception {
    byte[] golden = binary("envelope-cover.bin");
    Envelope cover = EnvelopeBinary.decode(golden);
    assertTrue(cover.cover());
    goldenRelay().verify(cover);
    assertArrayEquals(golden, EnvelopeBinary.encode(cover));
    assertEquals(binary("envelope.bin").length, golden.length);
  }

  @Test
  void reportV1_reEncodesByteForByte() throws Exception {
    byte[] golden = bytes("report-v1.json");
    assertArrayEquals(golden, ReportCodec.toJson(ReportCodec.fromJson(golden)));
  }

  @Test
  void publicKeyset_fingerprintIsStable() throws Exception {
    PublicKeyset keyset = PublicKeyset.parse(TestKeys.testdata("hotline-public.TEST-ONLY.json"));
    assertEquals("02ef-a93a-a838-b5ae-7772-27d5-94c0-d293", keyset.fingerprint());
    assertEquals(PublicKeyset.ofPrivate(TestKeys.goldenHotlinePrivate()).fingerprint(), keyset.fingerprint());
  }
}
