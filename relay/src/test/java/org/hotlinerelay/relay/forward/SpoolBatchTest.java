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
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.report.Ids;
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
      SpoolBatch batch = new SpoolBatch(spool, ids);
      assertFalse(batch.isEmpty());
      assertArrayEquals(EnvelopeCodec.toJson(put.get(0)), batch.next());
      // Read as it goes: an envelope delivered meanwhile (by nobody else, here by the test) is
      // not sent from a copy read up front.
      spool.acknowledged(put.get(9).id());
      List<String> rest = new ArrayList<>();
      for (byte[] json; (json = batch.next()) != null; ) {
        rest.add(EnvelopeCodec.fromJson(json).id());
      }
      assertEquals(put.subList(1, 9).stream().map(Envelope::id).toList(), rest);
      assertEquals(put.subList(0, 9).stream().map(Envelope::id).toList(), batch.sent());
      assertEquals(List.of(broken), batch.unreadable());
      assertNull(batch.next());
    }
  }

  @Test
  void isEmpty_whenNothingIsLeftToSend() throws Exception {
    try (Spool spool = new Spool(dir, new Quota(100, 1L << 30))) {
      assertTrue(new SpoolBatch(spool, List.of(Ids.random(), Ids.random())).isEmpty());
    }
  }
}
