package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.hotlinerelay.protocol.BadSignatureException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnknownRelayException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.seal.HpkeSuite;
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

  private static Envelope reparsed(java.util.function.Consumer<ObjectNode> change) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(EnvelopeCodec.toJson(envelope));
    change.accept(node);
    return EnvelopeCodec.fromJson(JSON.writeValueAsBytes(node));
  }

  private static String flipped(String base64, int index) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    bytes[index] ^= 0x01;
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void wrap_thenVerify_succeeds_andCodecRoundTrips() throws Exception {
    verifier.verify(envelope);
    assertEquals(envelope, EnvelopeCodec.fromJson(EnvelopeCodec.toJson(envelope)));
  }

  @Test
  void toJson_isByteForByteWhatJacksonWrites() throws Exception {
    for (String relay : List.of("a", "relay-a", "0-9-z", "r".repeat(64))) {
      Envelope e = EnvelopeSigner.create(relay, relayKey).wrap(envelope.sealed());
      ObjectNode node = JSON.createObjectNode();
      node.put("v", e.version());
      node.put("id", e.id());
      node.put("relay", e.relayId());
      node.put("sealed", Base64.getEncoder().encodeToString(e.sealed()));
      node.put("sig", Base64.getEncoder().encodeToString(e.signature()));
      assertEquals(new String(JSON.writeValueAsBytes(node), StandardCharsets.UTF_8),
          new String(EnvelopeCodec.toJson(e), StandardCharsets.UTF_8), relay);
    }
  }

  @Test
  void wrap_givesEveryEnvelopeAFreshRandomId() throws Exception {
    assertNotEquals(signer.wrap(envelope.sealed()).id(), signer.wrap(envelope.sealed()).id());
  }

  @Test
  void verify_failsWithAFlippedByteInTheSealedReport() throws Exception {
    Envelope changed = reparsed(n -> n.put("sealed", flipped(n.get("sealed").asText(), 1000)));
    assertThrows(BadSignatureException.class, () -> verifier.verify(changed));
  }

  @Test
  void verify_failsWithAFlippedByteInTheSignature() throws Exception {
    Envelope changed = reparsed(n -> n.put("sig", flipped(n.get("sig").asText(), 10)));
    assertThrows(BadSignatureException.class, () -> verifier.verify(changed));
  }

  @Test
  void verify_failsWithAnotherId() throws Exception {
    Envelope changed = reparsed(n -> n.put("id", "0".repeat(32)));
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
  void fromJson_failsWithUnknownField() {
    assertThrows(MalformedMessageException.class, () -> reparsed(n -> n.put("ip", "203.0.113.7")));
  }

  @Test
  void fromJson_failsWithFutureVersion() {
    assertThrows(UnsupportedVersionException.class, () -> reparsed(n -> n.put("v", Envelope.VERSION + 1)));
    assertThrows(UnsupportedVersionException.class, () -> reparsed(n -> n.put("v", 0)));
  }

  @Test
  void wrap_writesVersion2_whoseSignatureCoversTheDigestNotTheSealedBytes() throws Exception {
    assertEquals(2, envelope.version());
    byte[] v2 = Envelope.signedBytes(2, envelope.id(), envelope.relayId(), envelope.sealed());
    byte[] v1 = Envelope.signedBytes(1, envelope.id(), envelope.relayId(), envelope.sealed());
    assertTrue(v2.length < 200, "v2 signs " + v2.length + " bytes");
    assertTrue(v1.length > HpkeSuite.SEALED_BYTES, "v1 signs the sealed bytes themselves");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(envelope.sealed());
    assertArrayEquals(digest, Arrays.copyOfRange(v2, v2.length - 32, v2.length));
  }

  @Test
  void verify_failsWhenTheVersionIsChanged() throws Exception {
    // The same signature under the other version's signed bytes: each version's domain string
    // and layout are its own, so a v2 signature never passes as v1 (or back).
    Envelope relabelled = new Envelope(1, envelope.id(), envelope.relayId(), envelope.sealed(), envelope.signature());
    assertThrows(BadSignatureException.class, () -> verifier.verify(relabelled));
  }

  @Test
  void verify_acceptsVersion1SignedTheVersion1Way() throws Exception {
    byte[] v1 = Envelope.signedBytes(1, envelope.id(), envelope.relayId(), envelope.sealed());
    byte[] signature = relayKey.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(v1);
    Envelope old = new Envelope(1, envelope.id(), envelope.relayId(), envelope.sealed(), signature);
    verifier.verify(EnvelopeCodec.fromJson(EnvelopeCodec.toJson(old)));
    assertTrue(new String(EnvelopeCodec.toJson(old), StandardCharsets.US_ASCII).startsWith("{\"v\":1,"));
  }

  @Test
  void fromJson_failsWithTruncatedSealedBytes() {
    assertThrows(MalformedMessageException.class, () -> reparsed(n -> n.put("sealed",
        Base64.getEncoder().encodeToString(new byte[100]))));
  }

  @Test
  void fromJson_failsWithOversizeOrGarbage() {
    assertThrows(MalformedMessageException.class,
        () -> EnvelopeCodec.fromJson(new byte[EnvelopeCodec.MAX_JSON_BYTES + 1]));
    assertThrows(MalformedMessageException.class,
        () -> EnvelopeCodec.fromJson("[1,2]".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(MalformedMessageException.class, () -> reparsed(n -> n.put("sig", "***")));
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
