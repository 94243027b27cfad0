// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation without a restart, still pinned; a bad new file never replaces a good keyset. */
class HotlineKeysetTest {
  @TempDir Path dir;

  @Test
  void poll_rotatedPinnedKeyset_sealsWithTheNewKey() throws Exception {
    KeysetHandle first = TestKeys.hotlinePrivate();
    KeysetHandle second = TestKeys.hotlinePrivate();
    PublicKeyset secondPublic = TestKeys.publicOf(second);
    String firstFp = TestKeys.publicOf(first).fingerprint();
    try (RelayFixture relay = RelayFixture.start(dir, first, b -> b.pinnedFingerprints(List.of(firstFp, secondPublic.fingerprint())))) {
      assertEquals(relay.hotlinePublic.fingerprint(), relay.server.keysetFingerprint());
      Files.writeString(relay.keysetFile, secondPublic.toJson());
      // The watcher polls every 200 ms in the fixture; wait for it (bounded), then check.
      for (int i = 0; i < 100 && !relay.server.keysetFingerprint().equals(secondPublic.fingerprint()); i++) {
        Thread.sleep(50);
      }
      assertEquals(secondPublic.fingerprint(), relay.server.keysetFingerprint());
      assertEquals(1, relay.server.metrics().keysetReloadCount());
      assertEquals(303, RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid())).status());
      List<Report> opened = relay.openAll(second);
      assertEquals(1, opened.size());
    }
  }

  @Test
  void poll_unpinnedOrPrivateKeyset_keepsTheOldOne() throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String before = relay.server.keysetFingerprint();
      KeysetHandle other = TestKeys.hotlinePrivate();
      Files.writeString(relay.keysetFile, TestKeys.publicOf(other).toJson());
      assertFalse(relay.server.reloadKeyset());
      Files.writeString(relay.keysetFile,
          TinkJsonProtoKeysetFormat.serializeKeyset(relay.hotlinePrivate, InsecureSecretKeyAccess.get()));
      assertFalse(relay.server.reloadKeyset());
      Files.writeString(relay.keysetFile, "not json");
      assertFalse(relay.server.reloadKeyset());
      Files.delete(relay.keysetFile);
      assertFalse(relay.server.reloadKeyset());
      assertEquals(before, relay.server.keysetFingerprint());
      assertTrue(relay.server.metrics().keysetReloadFailureCount() >= 3);
      assertEquals(303, RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, Forms.valid())).status());
      assertEquals(1, relay.openAll().size());
    }
  }
}
