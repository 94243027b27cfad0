package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;

/**
 * Fuzz target for the envelope decoders ({@link EnvelopeBinary#decodeEither}: binary or JSON):
 * any bytes are an envelope, or {@link MalformedMessageException} / {@link
 * UnsupportedVersionException}; any other exception is a finding. A decoded envelope encodes back
 * to bytes that decode to the same binary form. Written against today's decoders.
 */
class EnvelopeDecodeFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decodeEither(byte[] bytes) throws Exception {
    Envelope envelope;
    try {
      envelope = EnvelopeBinary.decodeEither(bytes);
    } catch (MalformedMessageException | UnsupportedVersionException documented) {
      return;
    }
    byte[] binary = EnvelopeBinary.encode(envelope);
    assertArrayEquals(binary, EnvelopeBinary.encode(EnvelopeBinary.decode(binary)));
  }
}
