// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;

/**
 * Fuzz target for the envelope decoder ({@link EnvelopeBinary#decode}): any bytes are an envelope
 * that encodes back to exactly those bytes, or {@link MalformedMessageException} / {@link
 * UnsupportedVersionException}; any other exception is a finding.
 */
class EnvelopeDecodeFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decode(byte[] bytes) throws Exception {
    Envelope envelope;
    try {
      envelope = EnvelopeBinary.decode(bytes);
    } catch (MalformedMessageException | UnsupportedVersionException documented) {
      return;
    }
    assertArrayEquals(bytes, EnvelopeBinary.encode(envelope));
  }
}
