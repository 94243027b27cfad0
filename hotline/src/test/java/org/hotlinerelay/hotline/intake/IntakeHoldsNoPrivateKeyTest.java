// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The intake never decrypts: no code in its package can reach a private key or an opener. */
class IntakeHoldsNoPrivateKeyTest {
  private static final List<String> FORBIDDEN = List.of("open.Opener", "PrivateKeyFile", "HybridDecrypt",
      "PassphraseOptions", "hotline.inbox", "InsecureSecretKeyAccess");

  @Test
  void intakeSources_referenceNoDecryptionOrPrivateKey() throws Exception {
    Path sources = Path.of("src/main/java/org/hotlinerelay/hotline/intake");
    assertTrue(Files.isDirectory(sources), "run from the hotline module");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertTrue(files.size() >= 8, "found the intake sources");
    for (Path file : files) {
      String text = Files.readString(file);
      for (String forbidden : FORBIDDEN) {
        assertFalse(text.contains(forbidden), file + " mentions " + forbidden);
      }
    }
  }
}
