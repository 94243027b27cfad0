package org.hotlinerelay.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.seal.Opener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * The wire format, pinned: envelopes (versions 1 and 2) and reports written by version 1 must
 * open, verify and re-encode byte for byte in every future version. If this fails, the change broke compatibility
 * with reports already sealed at relays and hotlines.
 */
class GoldenFilesTest {
  private static final String GOLDEN_V2_BINARY_SHA256 = "5860b36d1d5ed4008a9f65788a6e1ec158568398c21b3434a6eb6524731a18bf";
  private static byte[] bytes(String name) {
    return TestKeys.testdata(name).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void envelopeV1_verifiesOpensAndEqualsTheGoldenReport() throws Exception {
    Envelope envelope = EnvelopeCodec.fromJson(bytes("envelope-v1.json"));
    EnvelopeVerifier.create(List.of(RelayPublicKey.parse(bytes("relay-golden.public.json")))).verify(envelope);
    Report report = Opener.create(TestKeys.goldenHotlinePrivate()).open(envelope.sealed());
    assertEquals(ReportCodec.fromJson(bytes("report-v1.json")), report);
    assertEquals(GoldenFiles.REPORT, report);
    assertEquals(HpkeSuite.SEALED_BYTES, envelope.sealed().length);
  }

  @Test
  void envelopeV1_reEncodesByteForByte() throws Exception {
    byte[] golden = bytes("envelope-v1.json");
    assertArrayEquals(golden, EnvelopeCodec.toJson(EnvelopeCodec.fromJson(golden)));
  }

  @Test
  void envelopeV2_verifiesOpensAndEqualsTheGoldenReport() throws Exception {
    Envelope envelope = EnvelopeCodec.fromJson(bytes("envelope-v2.json"));
    assertEquals(2, envelope.version());
    EnvelopeVerifier.create(List.of(RelayPublicKey.parse(bytes("relay-golden.public.json")))).verify(envelope);
    assertEquals(GoldenFiles.REPORT, Opener.create(TestKeys.goldenHotlinePrivate()).open(envelope.sealed()));
  }

  @Test
  void envelopeV2_reEncodesByteForByte() throws Exception {
    byte[] golden = bytes("envelope-v2.json");
    assertArrayEquals(golden, EnvelopeCodec.toJson(EnvelopeCodec.fromJson(golden)));
  }

  /**
   * The binary form (spool and binary batches) is pinned by the SHA-256 of the golden version 2
   * envelope in it, and read back to the same envelope.
   */
  @Test
  void envelopeV2_binaryForm_isPinned() throws Exception {
    Envelope envelope = EnvelopeCodec.fromJson(bytes("envelope-v2.json"));
    byte[] binary = EnvelopeBinary.encode(envelope);
    assertEquals(GOLDEN_V2_BINARY_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary)));
    assertEquals(envelope, EnvelopeBinary.decode(binary));
    assertArrayEquals(bytes("envelope-v2.json"), EnvelopeCodec.toJson(EnvelopeBinary.decode(binary)));
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
