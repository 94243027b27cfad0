package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import java.util.Arrays;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredEnvelopeTest {
  @TempDir java.nio.file.Path temp;

  @Test
  void read_givesIdAndSealed_refusesCoverAndEveryOtherShape() throws Exception {
    InboxFixture fx = new InboxFixture(temp);
    Envelope e = fx.signer.wrap(fx.sealer.seal(TestReports.minimal()));
    byte[] binary = EnvelopeBinary.encode(e);
    StoredEnvelope.Parts parts = StoredEnvelope.read(binary);
    assertEquals(e.id(), parts.id());
    assertArrayEquals(e.sealed(), parts.sealed());
    byte[] otherVersion = binary.clone();
    otherVersion[3] = 2;
    byte[] cover = EnvelopeBinary.encode(fx.signer.wrapCover(fx.sealer.seal(TestReports.minimal())));
    for (byte[] bad : List.of(new byte[0], "{}".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(binary, binary.length - 1),
        Arrays.copyOf(binary, binary.length + 1), otherVersion, cover)) {
      assertNull(StoredEnvelope.read(bad), "length " + bad.length);
    }
  }
}
