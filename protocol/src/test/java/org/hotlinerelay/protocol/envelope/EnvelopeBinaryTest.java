// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeBinaryTest {
  private static KeysetHandle relayKey;
  private static Envelope envelope;

  @BeforeAll
  static void make() throws Exception {
    relayKey = TestKeys.relaySigning();
    byte[] sealed = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate())).seal(TestReports.typical());
    envelope = EnvelopeSigner.create("relay-a", relayKey).wrap(sealed);
  }

  @Test
  void encodeThenDecode_givesTheSameEnvelope_whichStillVerifies() throws Exception {
    byte[] binary = EnvelopeBinary.encode(envelope);
    Envelope back = EnvelopeBinary.decode(binary);
    assertEquals(envelope, back);
    EnvelopeVerifier.create(List.of(TestKeys.relayPublic("relay-a", relayKey))).verify(back);
    Envelope cover = EnvelopeSigner.create("relay-a", relayKey).wrapCover(envelope.sealed());
    assertEquals(cover, EnvelopeBinary.decode(EnvelopeBinary.encode(cover)));
    assertTrue(EnvelopeBinary.decode(EnvelopeBinary.encode(cover)).cover());
  }

  @Test
  void encode_layout_isTheOneItsJavadocGives() throws Exception {
    Envelope cover = EnvelopeSigner.create("relay-a", relayKey).wrapCover(envelope.sealed());
    for (Envelope e : List.of(envelope, cover)) {
      byte[] binary = EnvelopeBinary.encode(e);
      ByteBuffer in = ByteBuffer.wrap(binary);
      byte[] magic = new byte[3];
      in.get(magic);
      assertEquals("HRE", new String(magic, US_ASCII));
      assertEquals(Envelope.VERSION, in.get());
      assertEquals(e.cover() ? 1 : 0, in.get());
      byte[] id = new byte[32];
      in.get(id);
      assertEquals(e.id(), new String(id, US_ASCII));
      assertEquals(7, in.get());
      byte[] relay = new byte[7];
      in.get(relay);
      assertEquals("relay-a", new String(relay, US_ASCII));
      byte[] signature = new byte[in.getShort()];
      in.get(signature);
      assertArrayEquals(e.signature(), signature);
      assertEquals(HpkeSuite.SEALED_BYTES, in.remaining());
      assertArrayEquals(e.sealed(), Arrays.copyOfRange(binary, in.position(), binary.length));
      assertTrue(binary.length <= EnvelopeBinary.MAX_BYTES);
    }
  }

  @Test
  void decode_refusesEveryCutAndAnyTrailingByte() {
    byte[] binary = EnvelopeBinary.encode(envelope);
    // Every length up to the sealed report, then a sample of cuts inside it.
    for (int length = 0; length < binary.length; length += length < 200 ? 1 : 997) {
      byte[] cut = Arrays.copyOf(binary, length);
      assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(cut), "cut at " + length);
    }
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(Arrays.copyOf(binary, binary.length - 1)));
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(Arrays.copyOf(binary, binary.length + 1)));
  }

  @Test
  void decode_refusesBadFields_andAnotherVersionAsUnsupported() {
    byte[] binary = EnvelopeBinary.encode(envelope);
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 0, (byte) '{')), "magic");
    assertThrows(UnsupportedVersionException.class, () -> EnvelopeBinary.decode(changed(binary, 3, (byte) 2)));
    assertThrows(UnsupportedVersionException.class, () -> EnvelopeBinary.decode(changed(binary, 3, (byte) 0)));
    assertThrows(UnsupportedVersionException.class, () -> EnvelopeBinary.decode(changed(binary, 3, (byte) 0x81)));
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 4, (byte) 2)), "flags");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 4, (byte) 0x80)), "flags");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 5, (byte) 'G')), "id not hex");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 5, (byte) 0xC3)), "id not ASCII");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 37, (byte) 0)), "relay length 0");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 37, (byte) 8)), "relay length");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 38, (byte) 'R')), "relay id");
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(changed(binary, 45, (byte) 1)), "sig length");
    byte[] noSignature = new byte[binary.length];
    System.arraycopy(binary, 0, noSignature, 0, 45);
    int signature = envelope.signature().length;
    System.arraycopy(binary, 47 + signature, noSignature, 47, HpkeSuite.SEALED_BYTES);
    assertThrows(MalformedMessageException.class,
        () -> EnvelopeBinary.decode(Arrays.copyOf(noSignature, 47 + HpkeSuite.SEALED_BYTES)), "empty signature");
  }

  private static byte[] changed(byte[] bytes, int index, byte value) {
    byte[] copy = bytes.clone();
    copy[index] = value;
    return copy;
  }
}
