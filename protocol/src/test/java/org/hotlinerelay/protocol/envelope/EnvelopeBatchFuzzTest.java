package org.hotlinerelay.protocol.envelope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * Fuzz target for the batch decoders ({@link EnvelopeBatch#split}, {@link
 * EnvelopeBatch#splitBinary}): any bytes are at most {@link EnvelopeBatch#MAX_ENVELOPES} non-empty
 * envelopes of at most their size each, or {@link MalformedMessageException}; any other exception
 * is a finding. Written against today's decoders.
 */
class EnvelopeBatchFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void split(byte[] body) {
    for (boolean binary : new boolean[] {true, false}) {
      List<byte[]> envelopes;
      try {
        envelopes = binary ? EnvelopeBatch.splitBinary(body) : EnvelopeBatch.split(body);
      } catch (MalformedMessageException documented) {
        continue;
      }
      assertTrue(envelopes.size() <= EnvelopeBatch.MAX_ENVELOPES);
      for (byte[] e : envelopes) {
        assertTrue(e.length > 0 && e.length <= Math.max(EnvelopeBinary.MAX_BYTES, EnvelopeCodec.MAX_JSON_BYTES));
      }
    }
  }
}
