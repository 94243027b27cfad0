package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.BatchStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolBatchTest {
  @TempDir Path dir;

  @Test
  void next_readsAsItGoes_skipsWhatIsGone_listsWhatIsNotAnEnvelope() throws Exception {
    String broken = Ids.random();
    Files.createDirectories(dir.resolve("outbox"));
    Files.write(dir.resolve("outbox").resolve(broken), "not json".getBytes());
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      List<Envelope> put = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Envelope e = ForwarderTest.envelope();
        put.add(e);
        spool.put(e);
      }
      List<String> ids = new ArrayList<>(put.stream().map(Envelope::id).toList());
      ids.add(2, broken);
      SpoolBatch batch = new SpoolBatch(spool, ids, Spool.Form.BINARY);
      assertFalse(batch.isEmpty());
      assertArrayEquals(EnvelopeBinary.encode(put.get(0)), batch.nextCopy(), "spooled in binary, sent as spooled");
      // Read as it goes: an envelope delivered meanwhile (by nobody else, here by the test) is
      // not sent from a copy read up front.
      spool.acknowledged(put.get(9).id());
      List<String> rest = new ArrayList<>();
      for (byte[] binary; (binary = batch.nextCopy()) != null; ) {
        rest.add(EnvelopeBinary.decode(binary).id());
      }
      assertEquals(put.subList(1, 9).stream().map(Envelope::id).toList(), rest);
      assertEquals(put.subList(0, 9).stream().map(Envelope::id).toList(), batch.sent());
      assertEquals(List.of(broken), batch.unreadable());
      assertNull(batch.nextCopy());
    }
  }

  @Test
  void next_anEnvelopeChangedOnDisk_isCheckedWhole_andListedWhenItIsNoLongerOne() throws Exception {
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      Envelope kept = ForwarderTest.envelope();
      Envelope changed = ForwarderTest.envelope();
      spool.put(kept);
      spool.put(changed);
      Path segment;
      try (var files = Files.list(dir.resolve("outbox"))) {
        segment = files.findFirst().orElseThrow();
      }
      byte[] bytes = Files.readAllBytes(segment);
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      int at = text.indexOf("HRE\u0002" + changed.id());
      assertTrue(at > 0, "the envelope is in the segment");
      bytes[at + 3] = 9; // version 9: the CRC no longer matches, and it is no envelope this code reads
      Files.write(segment, bytes);
      SpoolBatch batch = new SpoolBatch(spool, List.of(kept.id(), changed.id()), Spool.Form.BINARY);
      assertArrayEquals(EnvelopeBinary.encode(kept), batch.nextCopy());
      assertTrue(batch.nextCopy() == null, "the changed envelope was sent as it was spooled");
      assertEquals(List.of(changed.id()), batch.unreadable());
    }
  }

  @Test
  void next_anEnvelopeOfAnEarlierSpool_isSentInItsCanonicalForm_orInBinary() throws Exception {
    Envelope e = ForwarderTest.envelope();
    String spaced = new String(EnvelopeCodec.toJson(e), java.nio.charset.StandardCharsets.US_ASCII).replace(",\"", ",\n \"");
    Files.createDirectories(dir.resolve("outbox"));
    Files.writeString(dir.resolve("outbox").resolve(e.id()), spaced);
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      SpoolBatch batch = new SpoolBatch(spool, List.of(e.id()), Spool.Form.JSON);
      assertArrayEquals(EnvelopeCodec.toJson(e), batch.nextCopy(), "no line feed leaves in a batch");
      assertEquals(List.of(), batch.unreadable());
      assertArrayEquals(EnvelopeBinary.encode(e), new SpoolBatch(spool, List.of(e.id()), Spool.Form.BINARY).nextCopy());
    }
  }

  /**
   * A segment of the version before binary envelopes holds JSON records that check: sent as they
   * are in JSON lines, converted for binary batches; what is spooled now is binary, and converted
   * for JSON lines and single posts.
   */
  @Test
  void next_jsonSpooledByAnEarlierVersion_andBinarySpooledNow_eachSentInEitherForm() throws Exception {
    Envelope old = ForwarderTest.envelope();
    Envelope now = ForwarderTest.envelope();
    try (BatchStore earlier = new BatchStore(dir.resolve("outbox"), dir.resolve("quarantine"), new Quota(100, 1L << 30))) {
      earlier.put(old.id(), EnvelopeCodec.toJson(old));
    }
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      spool.put(now);
      assertEquals(old, spool.read(old.id()));
      assertEquals(now, spool.read(now.id()));
      SpoolBatch json = new SpoolBatch(spool, List.of(old.id(), now.id()), Spool.Form.JSON);
      assertArrayEquals(EnvelopeCodec.toJson(old), json.nextCopy());
      assertArrayEquals(EnvelopeCodec.toJson(now), json.nextCopy());
      SpoolBatch binary = new SpoolBatch(spool, List.of(old.id(), now.id()), Spool.Form.BINARY);
      assertArrayEquals(EnvelopeBinary.encode(old), binary.nextCopy());
      assertArrayEquals(EnvelopeBinary.encode(now), binary.nextCopy());
      assertEquals(List.of(), json.unreadable());
      assertEquals(List.of(), binary.unreadable());
    }
  }

  @Test
  void isEmpty_whenNothingIsLeftToSend() throws Exception {
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      assertTrue(new SpoolBatch(spool, List.of(Ids.random(), Ids.random()), Spool.Form.BINARY).isEmpty());
    }
  }
}
