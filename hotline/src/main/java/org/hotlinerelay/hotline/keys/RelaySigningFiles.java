// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;

/**
 * A relay's signing key files: {@value #SIGNING_FILE} (the Ed25519 private keyset, plain Tink JSON,
 * mode 0600; it stays on the relay, which runs unattended) and {@code relay-<id>.public.json} (its
 * public half as a {@link RelayPublicKey}, for the hotline's folder of known relays). Never
 * overwrites either file.
 */
public record RelaySigningFiles(Path dir, String relayId) {
  public static final String SIGNING_FILE = "relay-signing.json";

  public RelaySigningFiles {
    if (dir == null) {
      throw new IllegalArgumentException("key folder is required");
    }
    if (relayId == null || !Envelope.RELAY_ID.matcher(relayId).matches()) {
      throw new IllegalArgumentException("relay id must be 1-64 of [a-z0-9-], starting with a letter or digit");
    }
  }

  public Path signingFile() {
    return dir.resolve(SIGNING_FILE);
  }

  public Path publicFile() {
    return dir.resolve("relay-" + relayId + ".public.json");
  }

  /**
   * Makes a new Ed25519 signing keyset and writes both files, creating the folder (0700) if it is
   * missing. Refuses with {@link FileAlreadyExistsException} when either file exists.
   */
  public RelayPublicKey generate() throws IOException, GeneralSecurityException {
    HotlineKeys.refuseExisting(signingFile());
    HotlineKeys.refuseExisting(publicFile());
    KeyFolders.checkCanCreate(dir);
    KeyFolders.createPrivate(dir);
    KeysetHandle signing = RelaySigningKey.generate();
    RelayPublicKey publicKey = new RelayPublicKey(relayId, signing.getPublicKeysetHandle());
    KeyFolders.writeNew(signingFile(), RelaySigningKey.toJson(signing).getBytes(StandardCharsets.UTF_8), true);
    try {
      KeyFolders.writeNew(publicFile(), publicKey.toJson(), false);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      Files.deleteIfExists(signingFile());
      throw e;
    }
    return publicKey;
  }

  @Override
  public String toString() {
    return "RelaySigningFiles[" + relayId + "]";
  }
}
