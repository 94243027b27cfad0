// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxStoreTest {
  @TempDir Path temp;

  /** A sealer and signer as a relay has them, and an inbox folder. */
  record Fixture(Sealer sealer, EnvelopeSigner signer, Path dir) {
    Fixture(Path temp) throws Exception {
      this(newSealer(), EnvelopeSigner.create("relay-one", TestKeys.relaySigning()), Files.createDirectories(temp.resolve("inbox")));
    }

    private static Sealer newSealer() throws Exception {
      return Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    }
  }

  @Test
  void writing_thenReading_givesBackTheSameEnvelopeInBinaryForm() throws Exception {
    Fixture fx = new Fixture(temp);
    Envelope e = fx.signer.wrap(fx.sealer.seal(TestReports.typical()));
    Path dir = temp.resolve("store");
    try (DurableStore durable = new DurableStore(dir, new Quota(10, 1L << 30))) {
      InboxStore writer = InboxStore.writing(durable);
      DurableStore.await(writer.putAsync(e));
      assertTrue(writer.contains(e.id()));
    }
    assertArrayEquals(EnvelopeBinary.encode(e), Files.readAllBytes(dir.resolve(e.id())));
    InboxStore reader = InboxStore.reading(dir);
    assertEquals(List.of(e.id()), reader.ids());
    assertEquals(e, reader.read(e.id()));
  }

  @Test
  void reading_neverWrites() throws Exception {
    Fixture fx = new Fixture(temp);
    Files.writeString(fx.dir.resolve(".tmp-" + Ids.random()), "the intake's half-written file");
    InboxStore reader = InboxStore.reading(fx.dir);
    assertThrows(IllegalStateException.class, () -> reader.putAsync(fx.signer.wrap(fx.sealer.seal(TestReports.minimal()))));
    assertEquals(1, Files.list(fx.dir).count(), "a reader sweeps nothing");
  }

  @Test
  void read_notAnEnvelopeOrUnderAnotherName_isMalformed() throws Exception {
    Fixture fx = new Fixture(temp);
    String garbage = Ids.random();
    Files.writeString(fx.dir.resolve(garbage), "not an envelope");
    Envelope e = fx.signer.wrap(fx.sealer.seal(TestReports.minimal()));
    String other = Ids.random();
    Files.write(fx.dir.resolve(other), EnvelopeBinary.encode(e));
    InboxStore reader = InboxStore.reading(fx.dir);
    assertThrows(MalformedMessageException.class, () -> reader.read(garbage));
    assertThrows(MalformedMessageException.class, () -> reader.read(other));
    assertThrows(NoSuchFileException.class, () -> reader.read(Ids.random()));
    assertFalse(reader.contains("../x"));
  }
}
