// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * Fuzz target for the batch decoder ({@link EnvelopeBatch#split}): any bytes are 1 to {@link
 * EnvelopeBatch#MAX_ENVELOPES} non-empty frames of at most {@link EnvelopeBinary#MAX_BYTES} each,
 * which {@link EnvelopeBatch#join} frames back to the same bytes, or {@link
 * MalformedMessageException}; any other exception is a finding.
 */
class EnvelopeBatchFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void split(byte[] body) {
    List<byte[]> envelopes;
    try {
      envelopes = EnvelopeBatch.split(body);
    } catch (MalformedMessageException documented) {
      return;
    }
    assertTrue(!envelopes.isEmpty() && envelopes.size() <= EnvelopeBatch.MAX_ENVELOPES);
    for (byte[] e : envelopes) {
      assertTrue(e.length > 0 && e.length <= EnvelopeBinary.MAX_BYTES);
    }
    assertArrayEquals(body, EnvelopeBatch.join(envelopes));
  }
}
