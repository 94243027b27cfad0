// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.envelope.EnvelopeVerifier;
import org.hotlinerelay.protocol.envelope.RelayPublicKey;

/**
 * The relays an intake accepts envelopes from: every {@code relay-<id>.public.json} file in one
 * folder. A file whose name does not match the relay id inside it, or that is not an Ed25519
 * public key, stops the start-up (fail closed): a typo must not silently drop a relay, nor let a
 * file claim another relay's id.
 */
final class KnownRelays {
  static final String PREFIX = "relay-";
  static final String SUFFIX = ".public.json";

  private KnownRelays() {}

  /** Loads the folder; fails if it is missing, empty, or holds an invalid key file. */
  static EnvelopeVerifier load(Path dir) throws IOException, IntakeStartException {
    if (!Files.isDirectory(dir)) {
      throw new IntakeStartException("known relays folder not found: " + dir
          + "; create it and put each relay's relay-<id>.public.json in it (--known-relays)");
    }
    List<RelayPublicKey> relays = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        relays.add(parse(file));
      }
    }
    if (relays.isEmpty()) {
      throw new IntakeStartException("no relay-<id>.public.json file in " + dir + "; add one per relay: a relay"
          + " writes it beside its signing key at first start, or 'keys relay-signing' makes one");
    }
    try {
      return EnvelopeVerifier.create(relays);
    } catch (GeneralSecurityException e) {
      throw new IntakeStartException("a relay public key in " + dir + " cannot verify signatures");
    }
  }

  private static RelayPublicKey parse(Path file) throws IOException, IntakeStartException {
    String name = file.getFileName().toString();
    RelayPublicKey key;
    try {
      key = RelayPublicKey.parse(Files.readAllBytes(file));
    } catch (MalformedMessageException e) {
      throw new IntakeStartException("not a relay public key file: " + file);
    }
    String expected = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
    if (!expected.equals(key.relayId())) {
      throw new IntakeStartException("relay id in " + file + " does not match its file name: it holds the key of relay "
          + key.relayId() + "; name it " + fileName(key.relayId()) + ", or get relay " + expected + "'s own file");
    }
    return key;
  }

  /** The file name a relay's public key has in the known relays folder. */
  static String fileName(String relayId) {
    return PREFIX + relayId + SUFFIX;
  }
}
