// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * Writes throw-away keys for {@code load.sh} into a folder — hotline-public.json,
 * relay-signing.json, and known-relays/relay-bench.public.json (the relay {@code bench} registered
 * for a real intake, as the demo registers its relay) — and prints the public keyset's
 * fingerprint. TEST KEYS: the hotline's private half is discarded, so benchmark reports can never
 * be read by anyone.
 */
public final class BenchKeys {
  /** The relay id the benchmarks sign with. */
  static final String RELAY_ID = "bench";

  private BenchKeys() {}

  /** Writes the folder of known relays a real intake reads: relay {@link #RELAY_ID}, signing with {@code signing}. */
  static Path knownRelay(Path dir, KeysetHandle signing) throws Exception {
    Files.createDirectories(dir);
    RelayPublicKey key = TestKeys.relayPublic(RELAY_ID, signing);
    Files.write(dir.resolve("relay-" + RELAY_ID + ".public.json"), key.toJson());
    return dir;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    PublicKeyset hotline = TestKeys.publicOf(TestKeys.hotlinePrivate());
    Files.writeString(dir.resolve("hotline-public.json"), hotline.toJson());
    KeysetHandle signing = TestKeys.relaySigning();
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(signing));
    knownRelay(dir.resolve("known-relays"), signing);
    System.out.println(hotline.fingerprint());
  }
}
