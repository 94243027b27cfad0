// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;

/**
 * The key that encrypts the workstation's index, triage state and notes at rest: a Tink AES-256-GCM
 * keyset, generated on first use and stored in {@value #FILE} in the state folder, wrapped exactly
 * as the hotline private key file is ({@link PrivateKeyFile}: Argon2id from the passphrase, then
 * AES-256-GCM over the keyset; mode 0600, never overwritten). Only the passphrase unlocks it; the
 * workstation is unlocked with the same passphrase as the private key
 * ({@code WorkstationTest#stateOnDisk_holdsNoPlaintext}, {@code WorkstationTest#wrongPassphrase_refused}).
 */
final class WorkstationKey {
  static final String FILE = "workstation-key.json";

  private WorkstationKey() {}

  static Aead unlock(Path stateDir, char[] passphrase)
      throws IOException, GeneralSecurityException, WrongPassphraseException, MalformedMessageException {
    AeadConfig.register();
    Path file = stateDir.resolve(FILE);
    KeysetHandle keyset;
    if (Files.exists(file)) {
      keyset = PrivateKeyFile.open(file, passphrase);
    } else {
      keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      PrivateKeyFile.create(file, keyset, passphrase);
    }
    return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }
}
