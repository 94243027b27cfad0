// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.protocol.BadSignatureException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnknownRelayException;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeysetHandle relayKey;
  private static EnvelopeSigner signer;
  private static EnvelopeVerifier verifier;
  private static Envelope envelope;

  @BeforeAll
  static void make() throws Exception {
    relayKey = TestKeys.relaySigning();
    signer = EnvelopeSigner.create("relay-a", relayKey);
    verifier = EnvelopeVerifier.create(List.of(TestKeys.relayPublic("relay-a", relayKey)));
    byte[] sealed = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate())).seal(TestReports.typical());
    envelope = signer.wrap(sealed);
  }

  /** The envelope with one byte of its binary form flipped, parsed again. */
  private static Envelope flippedAt(int index) throws Exception {
    byte[] binary = EnvelopeBinary.encode(envelope);
    binary[index] ^= 0x01;
    return EnvelopeBinary.decode(binary);
  }

  @Test
  void wrap_thenVerify_succeeds() throws Exception {
    verifier.verify(envelope);
    assertFalse(envelope.cover());
    assertEquals(Envelope.VERSION, envelope.version());
  }

  @Test
  void wrapCover_verifies_isFlagged_andIsTheSameSizeAsAReport() throws Exception {
    Envelope cover = signer.wrapCover(envelope.sealed());
    verifier.verify(cover);
    assertTrue(cover.cover());
    assertEquals(EnvelopeBinary.encode(envelope).length, EnvelopeBinary.encode(cover).length);
  }

  @Test
  void verify_failsWhenTheCoverFlagIsChanged() throws Exception {
    Envelope relabelled = new Envelope(Envelope.VERSION, envelope.id(), envelope.relayId(), true,
        envelope.sealed(), envelope.signature());
    assertThrows(BadSignatureException.class, () -> verifier.verify(relabelled));
    Envelope cover = signer.wrapCover(envelope.sealed());
    Envelope uncovered = new Envelope(Envelope.VERSION, cover.id(), cover.relayId(), false, cover.sealed(), cover.signature());
    assertThrows(BadSignatureException.class, () -> verifier.verify(uncovered));
  }

  @Test
  void wrap_givesEveryEnvelopeAFreshRandomId() throws Exception {
    assertNotEquals(signer.wrap(envelope.sealed()).id(), signer.wrap(envelope.sealed()).id());
  }

  @Test
  void verify_failsWithAFlippedByteInTheSealedReport() throws Exception {
    int length = EnvelopeBinary.encode(envelope).length;
    Envelope changed = flippedAt(length - 1000);
    assertThrows(BadSignatureException.class, () -> verifier.verify(changed));
  }

  @Test
  void verify_failsWithAFlippedByteInTheSignature() throws Exception {
    Envelope changed = flippedAt(3 + 1 + 1 + 32 + 1 + 7 + 2 + 10);
    assertThrows(BadSignatureException.class, () -> verifier.verify(changed));
  }

  @Test
  void verify_failsWithAnotherId() throws Exception {
    Envelope changed = new Envelope(Envelope.VERSION, "0".repeat(32), envelope.relayId(), false,
        envelope.sealed(), envelope.signature());
    assertThrows(BadSignatureException.class, () -> verifier.verify(changed));
  }

  @Test
  void verify_failsWithAnUnknownRelay() throws Exception {
    Envelope other = EnvelopeSigner.create("relay-b", TestKeys.relaySigning()).wrap(envelope.sealed());
    assertThrows(UnknownRelayException.class, () -> verifier.verify(other));
  }

  @Test
  void verify_failsWhenAnotherKeyClaimsAKnownRelay() throws Exception {
    Envelope forged = EnvelopeSigner.create("relay-a", TestKeys.relaySigning()).wrap(envelope.sealed());
    assertThrows(BadSignatureException.class, () -> verifier.verify(forged));
  }

  @Test
  void constructor_refusesAnotherVersion() {
    assertThrows(IllegalArgumentException.class, () -> new Envelope(Envelope.VERSION + 1, envelope.id(),
        envelope.relayId(), false, envelope.sealed(), envelope.signature()));
  }

  @Test
  void signature_coversTheDigestOfTheSealedBytes_notTheBytesThemselves() throws Exception {
    byte[] signed = envelope.signedBytes();
    assertTrue(signed.length < 200, "signs " + signed.length + " bytes");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(envelope.sealed());
    assertArrayEquals(digest, Arrays.copyOfRange(signed, signed.length - 32, signed.length));
  }

  @Test
  void constructor_refusesTruncatedSealedBytes() {
    assertThrows(IllegalArgumentException.class, () -> new Envelope(Envelope.VERSION, envelope.id(),
        envelope.relayId(), false, new byte[100], envelope.signature()));
  }

  @Test
  void toString_printsOnlyTheId() {
    assertEquals("Envelope[" + envelope.id() + "]", envelope.toString());
    assertFalse(new RelayPublicKey("relay-a", relayKey).toString().contains("key\""));
  }

  @Test
  void relayPublicKey_roundTrips_andRefusesPrivateKeys() throws Exception {
    RelayPublicKey pub = TestKeys.relayPublic("relay-a", relayKey);
    assertEquals("relay-a", RelayPublicKey.parse(pub.toJson()).relayId());
    String withPrivate = new String(pub.toJson(), StandardCharsets.UTF_8)
        .replace("\"keyset\"", "\"ignored\"")
        .replace("{", "{\"keyset\":" + JSON.writeValueAsString(RelaySigningKey.toJson(relayKey)) + ",");
    assertThrows(MalformedMessageException.class,
        () -> RelayPublicKey.parse(withPrivate.getBytes(StandardCharsets.UTF_8)));
  }
}
