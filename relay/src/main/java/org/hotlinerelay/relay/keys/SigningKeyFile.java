// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.logging.Logger;
import com.google.crypto.tink.KeysetHandle;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;

/**
 * The relay's Ed25519 signing key file. Present → it must be a valid Ed25519 signing keyset or
 * the relay refuses to start. Missing → a new key is made (mode 0600) with its public half beside
 * it ({@code relay-<id>.public.json}, the file the hotline copies into its known-relays folder,
 * named as {@code keys relay-signing} names it), and {@code RELAY-005} says so.
 */
public final class SigningKeyFile {
  private static final Logger LOG = Logger.getLogger(SigningKeyFile.class.getName());

  private SigningKeyFile() {}

  /** The public half's file, beside the key file, named for the intake's known-relays folder. */
  public static Path publicFile(Path keyFile, String relayId) {
    return keyFile.toAbsolutePath().resolveSibling("relay-" + relayId + ".public.json");
  }

  /**
   * @throws CommandFailure (exit 2) for a bad relay id, an unreadable or invalid key file
   */
  public static EnvelopeSigner loadOrCreate(Path file, String relayId) {
    if (relayId == null || !Envelope.RELAY_ID.matcher(relayId).matches()) {
      throw CommandFailure.runtime("the relay id must be 1-64 of a-z, 0-9 and '-' (--relay-id)");
    }
    try {
      KeysetHandle handle = Files.exists(file) ? read(file) : create(file, relayId);
      return EnvelopeSigner.create(relayId, handle);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw CommandFailure.runtime("the relay signing key file " + file + " is not a valid Ed25519 signing keyset");
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read or create the relay signing key file " + file);
    }
  }

  private static KeysetHandle read(Path file) throws IOException, GeneralSecurityException {
    return RelaySigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static KeysetHandle create(Path file, String relayId) throws IOException, GeneralSecurityException {
    KeysetHandle handle = RelaySigningKey.generate();
    writePrivate(file, RelaySigningKey.toJson(handle).getBytes(StandardCharsets.UTF_8));
    byte[] pub = new RelayPublicKey(relayId, handle.getPublicKeysetHandle()).toJson();
    Files.write(publicFile(file, relayId), pub);
    LOG.info("RELAY-005 created a relay signing key; give its relay-<id>.public.json file to the hotline");
    return handle;
  }

  private static void writePrivate(Path file, byte[] bytes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(parent, ".key-", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Best effort on non-POSIX file systems.
      }
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
