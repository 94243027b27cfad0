// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.testing.JvmProviders;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay changes nothing in the JVM's security set-up: after it has started and sealed a report,
 * the providers are the JDK's configured list in its order, and the TLS the forwarder gets
 * ({@code SSLContext}), AES-GCM, X25519, Ed25519 signatures, digests and randomness come from the same providers as
 * before it started.
 */
class RelayProvidersTest {
  @TempDir Path dir;

  @Test
  void startAndSeal_leaveTheJvmsProvidersAsTheyWere() throws Exception {
    List<String> before = JvmProviders.snapshot();
    try (RelayFixture relay = RelayFixture.start(dir)) {
      String form = Forms.encode(List.of(Map.entry("portal", "default"), Map.entry("lang", "en"),
          Map.entry("url", "https://example.com/a"), Map.entry("kind", "images"), Map.entry("details", "sealed here")));
      assertEquals(303, RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form)).status());
      assertEquals("sealed here", relay.openAll().get(0).details());
      assertEquals(before, JvmProviders.snapshot());
    }
    assertEquals(JvmProviders.configuredNames(), JvmProviders.installedNames());
  }
}
