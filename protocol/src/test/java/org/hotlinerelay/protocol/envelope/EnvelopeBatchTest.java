package org.hotlinerelay.protocol.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeBatchTest {
  private static final List<byte[]> ENVELOPES = new ArrayList<>();

  @BeforeAll
  static void make() throws Exception {
    KeysetHandle relayKey = TestKeys.relaySigning();
    EnvelopeSigner signer = EnvelopeSigner.create("relay-a", relayKey);
    Sealer sealer = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    for (int i = 0; i < 3; i++) {
      ENVELOPES.add(EnvelopeCodec.toJson(signer.wrap(sealer.seal(TestReports.typical()))));
    }
  }

  @Test
  void joinThenSplit_givesTheSameEnvelopesInOrder() throws Exception {
    byte[] body = EnvelopeBatch.join(ENVELOPES);
    List<byte[]> back = EnvelopeBatch.split(body);
    assertEquals(ENVELOPES.size(), back.size());
    for (int i = 0; i < ENVELOPES.size(); i++) {
      assertArrayEquals(ENVELOPES.get(i), back.get(i));
      EnvelopeCodec.fromJson(back.get(i));
    }
    assertEquals('\n', body[body.length - 1]);
  }

  @Test
  void join_refusesEmptyOversizeAndLineFeeds() {
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.join(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES + 1, ENVELOPES.get(0))));
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.join(List.of("{\n}".getBytes(US_ASCII))));
  }

  @Test
  void split_refusesWhatIsNotABatch() {
    byte[] one = ENVELOPES.get(0);
    for (String bad : List.of("", "\n", "{}", "{}\n\n{}\n", "\n{}\n")) {
      assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(bad.getBytes(US_ASCII)), bad);
    }
    byte[] tooLong = new byte[EnvelopeCodec.MAX_JSON_BYTES + 2];
    java.util.Arrays.fill(tooLong, (byte) 'x');
    tooLong[tooLong.length - 1] = '\n';
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(tooLong));
    byte[] tooMany = EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, one));
    byte[] plusOne = java.util.Arrays.copyOf(tooMany, tooMany.length + one.length + 1);
    System.arraycopy(one, 0, plusOne, tooMany.length, one.length);
    plusOne[plusOne.length - 1] = '\n';
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.split(plusOne));
  }

  @Test
  void maxBytes_holdsTheLargestBatch() throws Exception {
    byte[] full = EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, ENVELOPES.get(0)));
    assertEquals(EnvelopeBatch.MAX_ENVELOPES, EnvelopeBatch.split(full).size());
    assertTrue(full.length <= EnvelopeBatch.MAX_BYTES, full.length + " > " + EnvelopeBatch.MAX_BYTES);
  }

  @Test
  void joinBinaryThenSplit_givesTheSameEnvelopesInOrder_framedByLength() throws Exception {
    List<byte[]> binary = binaryEnvelopes();
    byte[] body = EnvelopeBatch.joinBinary(binary);
    assertEquals(binary.get(0).length, java.nio.ByteBuffer.wrap(body).getInt());
    List<byte[]> back = EnvelopeBatch.splitBinary(body);
    assertEquals(binary.size(), back.size());
    for (int i = 0; i < binary.size(); i++) {
      assertArrayEquals(binary.get(i), back.get(i));
      assertEquals(EnvelopeCodec.fromJson(ENVELOPES.get(i)), EnvelopeBinary.decode(back.get(i)));
    }
    byte[] full = EnvelopeBatch.joinBinary(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, binary.get(0)));
    assertEquals(EnvelopeBatch.MAX_ENVELOPES, EnvelopeBatch.splitBinary(full).size());
    assertTrue(full.length <= EnvelopeBatch.MAX_BINARY_BYTES);
    assertTrue(full.length < EnvelopeBatch.join(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, ENVELOPES.get(0))).length * 4 / 5);
  }

  @Test
  void splitBinary_refusesWhatIsNotABinaryBatch_butFramesAnEnvelopeThatDoesNotParse() throws Exception {
    byte[] one = binaryEnvelopes().get(0);
    byte[] body = EnvelopeBatch.joinBinary(List.of(one, one));
    for (int length = 0; length < body.length; length += length < 100 ? 1 : 1009) {
      if (length != 4 + one.length) {
        byte[] cut = java.util.Arrays.copyOf(body, length);
        assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.splitBinary(cut), "cut at " + length);
      }
    }
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.splitBinary(new byte[4]), "length 0");
    byte[] huge = java.nio.ByteBuffer.allocate(4 + EnvelopeBinary.MAX_BYTES + 1).putInt(EnvelopeBinary.MAX_BYTES + 1).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.splitBinary(huge), "over the largest envelope");
    byte[] negative = java.nio.ByteBuffer.allocate(8).putInt(-1).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.splitBinary(negative));
    byte[] full = EnvelopeBatch.joinBinary(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES, one));
    byte[] plusOne = java.nio.ByteBuffer.allocate(full.length + 4 + one.length).put(full).putInt(one.length).put(one).array();
    assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.splitBinary(plusOne), "too many");
    // A frame holding something that is no envelope keeps its place: the intake answers it 400 alone.
    byte[] odd = java.nio.ByteBuffer.allocate(4 + 2 + 4 + one.length).putInt(2).put("{}".getBytes(US_ASCII)).putInt(one.length).put(one).array();
    List<byte[]> frames = EnvelopeBatch.splitBinary(odd);
    assertEquals(2, frames.size());
    assertThrows(MalformedMessageException.class, () -> EnvelopeBinary.decode(frames.get(0)));
    EnvelopeBinary.decode(frames.get(1));
  }

  @Test
  void joinBinary_refusesEmptyAndOversize() throws Exception {
    byte[] one = binaryEnvelopes().get(0);
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.joinBinary(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> EnvelopeBatch.joinBinary(Collections.nCopies(EnvelopeBatch.MAX_ENVELOPES + 1, one)));
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.joinBinary(List.of(new byte[0])));
    assertThrows(IllegalArgumentException.class, () -> EnvelopeBatch.joinBinary(List.of(new byte[EnvelopeBinary.MAX_BYTES + 1])));
  }

  @Test
  void takesBinary_readsAnAcceptPostList() {
    assertTrue(EnvelopeBatch.takesBinary(EnvelopeBatch.ACCEPT_POST));
    assertTrue(EnvelopeBatch.takesBinary("application/x-ndjson,APPLICATION/VND.HOTLINE-RELAY.ENVELOPES ; q=1"));
    for (String other : new String[] {null, "", "application/x-ndjson", "application/vnd.hotline-relay.envelopes2",
        "application/vnd.hotline-relay"}) {
      assertFalse(EnvelopeBatch.takesBinary(other), String.valueOf(other));
    }
  }

  private static List<byte[]> binaryEnvelopes() throws Exception {
    List<byte[]> binary = new ArrayList<>();
    for (byte[] json : ENVELOPES) {
      binary.add(EnvelopeBinary.encode(EnvelopeCodec.fromJson(json)));
    }
    return binary;
  }

  @Test
  void results_roundTrip_andAreCheckedAgainstTheBatch() throws Exception {
    int[] statuses = {201, 200, 403, 503};
    String body = EnvelopeBatch.results(statuses);
    assertEquals("{\"results\":[201,200,403,503]}", body);
    assertArrayEquals(statuses, EnvelopeBatch.parseResults(body.getBytes(US_ASCII), 4));
    for (String bad : List.of("", "[]", "{\"results\":[201]}", "{\"results\":[201,200,403,\"x\"]}",
        "{\"results\":[201,200,403,99]}", "{\"results\":[201,200,403,600]}", "{\"other\":[1,2,3,4]}")) {
      assertThrows(MalformedMessageException.class, () -> EnvelopeBatch.parseResults(bad.getBytes(US_ASCII), 4), bad);
    }
  }
}
