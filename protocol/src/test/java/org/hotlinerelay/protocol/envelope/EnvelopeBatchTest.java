// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeBatchTest {
  private static final List<Envelope> ENVELOPES = new ArrayList<>();
  private static final List<byte[]> BINARY = new ArrayList<>();

  @BeforeAll
  static void make() throws Exception {
    KeysetHandle relayKey = TestKeys.relaySigning();
    EnvelopeSigner signer = EnvelopeSigner.create("relay-a", relayKey);
    Sealer sealer = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    for (int i = 0; i < 3; i++) {
      Envelope e = i == 1 ? signer.wrapCover(sealer.seal(TestReports.typical())) : signer.wrap(sealer.seal(TestReports.typical()));
      ENVELOPES.add(e);
      BINARY.add(EnvelopeBinary.encode(e));
    }
  }

  @Test
  void joinThenSplit_givesTheSameEnvelopesInOrder_framedByLength() throws Exception {
    byte[] body = EnvelopeBatch.join(BINARY);
    assertEquals(BINARY.get(0).length, ByteBuffer.wrap(body).getInt());
    List<byte[]> back = EnvelopeBatch.split(body);
    assertEquals(BINARY.size(), back.size());
    for (int i = 0; i < BINARY.size(); i++) {
      assertArrayEquals(BINARY.get(i), back.get(i));
      assertEquals(ENVELOPES.get(i), EnvelopeBinary.decode(back.get(i)));
    }
    assertEquals(3 * (4 + BINARY.get(0).length), body.length, "a cover is the size of a report");
  }

  @Test
  void maxBytes_holdsTheLargestBatch() throws Exception {
    byte[] full = EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, BINARY.get(0)));
    assertEquals(EnvelopeBatch.MAX_ENVELOPES, EnvelopeBatch.split(full).size());
    assertTrue(full.length <= EnvelopeBatch.MAX_BYTES, full.length + " > " + EnvelopeBatch.MAX_BYTES);
  }

  @Test
  void split_refusesWhatIsNotABatch_butFramesAnEnvelopeThatDoesNotParse() throws Exception {
    byte[] one = BINARY.get(0);
    byte[] body = EnvelopeBatch.join(List.of(one, one));
    for (int length = 0; length < body.length; length += length < 100 ? 1 : 1009) {
      if (length != 4 + one.length) {
        byte[] cut = Arrays.copyOf(body, length);
        assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(cut), "cut at " + length);
      }
    }
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(new byte[4]), "length 0");
    byte[] huge = ByteBuffer.allocate(4 + EnvelopeBinary.MAX_BYTES + 1).putInt(EnvelopeBinary.MAX_BYTES + 1).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(huge), "over the largest envelope");
    byte[] negative = ByteBuffer.allocate(8).putInt(-1).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(negative));
    byte[] full = EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, one));
    byte[] plusOne = ByteBuffer.allocate(full.length + 4 + one.length).put(full).putInt(one.length).put(one).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(plusOne), "too many");
    // A frame holding something that is no envelope keeps its place: the intake answers it 400 alone.
    byte[] odd = ByteBuffer.allocate(4 + 2 + 4 + one.length).putInt(2).put("{}".getBytes(US_ASCII)).putInt(one.length).put(one).array();
    List<byte[]> frames = EnvelopeBatch.split(odd);
    assertEquals(2, frames.size());
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(frames.get(0)));
    EnvelopeBinary.decode(frames.get(1));
  }

  @Test
  void join_refusesEmptyAndOversize() {
    byte[] one = BINARY.get(0);
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.join(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES + 1, one)));
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.join(List.of(new byte[0])));
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.join(List.of(new byte[EnvelopeBinary.MAX_BYTES + 1])));
  }

  @Test
  void results_roundTrip_andAreCheckedAgainstTheBatch() throws Exception {
    int[] statuses = {201, 200, 202, 403, 503};
    String body = EnvelopeBatch.results(statuses);
    assertEquals("{\"results\":[201,200,202,403,503]}", body);
    assertArrayEquals(statuses, EnvelopeBatch.parseResults(body.getBytes(US_ASCII), 5));
    for (String bad : List.of("", "[]", "{\"results\":[201]}", "{\"results\":[201,200,202,403,\"x\"]}",
        "{\"results\":[201,200,202,403,99]}", "{\"results\":[201,200,202,403,600]}", "{\"other\":[1,2,3,4,5]}")) {
      assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.parseResults(bad.getBytes(US_ASCII), 5), bad);
    }
  }
}
