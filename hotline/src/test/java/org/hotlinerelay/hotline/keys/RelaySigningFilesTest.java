// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.seal.HpkeSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelaySigningFilesTest {
  @TempDir Path temp;

  @Test
  void generate_signingFileSignsWhatThePublicFileVerifies() throws Exception {
    RelaySigningFiles files = new RelaySigningFiles(temp.resolve("relay"), "relay-1");
    files.generate();

    EnvelopeSigner signer = EnvelopeSigner.create("relay-1",
        RelaySigningKey.parse(Files.readString(files.signingFile())));
    RelayPublicKey known = RelayPublicKey.parse(Files.readAllBytes(files.publicFile()));
    Envelope envelope = signer.wrap(new byte[HpkeSuite.SEALED_BYTES]);

    assertEquals("relay-1", known.relayId());
    assertEquals(temp.resolve("relay/relay-relay-1.public.json"), files.publicFile());
    assertDoesNotThrow(() -> EnvelopeVerifier.create(List.of(known)).verify(envelope));
  }

  @Test
  void generate_signingFileIsMode0600() throws Exception {
    RelaySigningFiles files = new RelaySigningFiles(temp, "r");
    files.generate();
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(files.signingFile()));
  }

  @Test
  void generate_refusesToOverwrite() throws Exception {
    RelaySigningFiles files = new RelaySigningFiles(temp, "r");
    files.generate();
    String before = Files.readString(files.signingFile());

    assertThrows(FileAlreadyExistsException.class, files::generate);
    assertEquals(before, Files.readString(files.signingFile()));
  }

  @Test
  void new_badRelayId_refused() {
    assertThrows(IllegalArgumentException.class, () -> new RelaySigningFiles(temp, "../x"));
    assertThrows(IllegalArgumentException.class, () -> new RelaySigningFiles(temp, "Relay"));
    assertThrows(IllegalArgumentException.class, () -> new RelaySigningFiles(temp, ""));
  }
}
