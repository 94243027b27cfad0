// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * Writes throw-away keys for {@code load.sh} into a folder — hotline-public.json and
 * relay-signing.json — and prints the public keyset's fingerprint. TEST KEYS: the private half is
 * discarded, so benchmark reports can never be read by anyone.
 */
public final class BenchKeys {
  private BenchKeys() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    PublicKeyset hotline = TestKeys.publicOf(TestKeys.hotlinePrivate());
    Files.writeString(dir.resolve("hotline-public.json"), hotline.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
    System.out.println(hotline.fingerprint());
  }
}
