package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredEnvelopeTest {
  @TempDir java.nio.file.Path temp;

  @Test
  void read_sameIdAndSealedAsTheCodec_refusesEveryOtherShape() throws Exception {
    InboxFixture fx = new InboxFixture(temp);
    Envelope e = fx.signer.wrap(fx.sealer.seal(TestReports.minimal()));
    byte[] json = EnvelopeCodec.toJson(e);
    StoredEnvelope.Parts parts = StoredEnvelope.read(json);
    assertEquals(e.id(), parts.id());
    assertArrayEquals(e.sealed(), parts.sealed());
    String text = new String(json, StandardCharsets.US_ASCII);
    String body = text.substring(1, text.length() - 1);
    for (String bad : List.of(
        "", "[]", "null", "{}", text + " {}", text.replace("\"v\":2", "\"v\":3"),
        text.replace("\"v\":2", "\"v\":\"2\""), "{" + body + ",\"extra\":\"x\"}",
        "{" + body + ",\"id\":\"" + e.id() + "\"}", text.replace("\"id\":\"", "\"id\":\"0"),
        text.replaceFirst("\"sealed\":\"[A-Za-z0-9+/]{8}", "\"sealed\":\""),
        text.replaceFirst("\"sealed\":\"", "\"sealed\":\"!"), text.replaceFirst(",\"sig\":\"[^\"]*\"", ""))) {
      assertNull(StoredEnvelope.read(bad.getBytes(StandardCharsets.US_ASCII)), bad.length() > 60 ? bad.substring(0, 60) : bad);
    }
  }
}
