// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.hotlinerelay.hotline.keys.PassphraseOptions;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.hotline.keys.HotlineKeys;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import org.hotlinerelay.hotline.open.Opener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code inbox} subcommand shares, and the one place that opens an inbox. */
final class InboxOptions {
  @Option(names = "--inbox", paramLabel = "DIR", defaultValue = "${env:HOTLINE_RELAY_INBOX}",
      description = "The intake's inbox folder; required (HOTLINE_RELAY_INBOX).")
  Path inbox;

  @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:HOTLINE_RELAY_KEY}",
      description = "The hotline private key file, hotline-private.json; required (HOTLINE_RELAY_KEY).")
  Path key;

  @Option(names = "--read-state", paramLabel = "FILE",
      description = "File of the envelope ids already shown, ids only and no report text "
          + "(default: DIR/" + ReadState.DEFAULT_FILE + ").")
  Path readState;

  @Mixin PassphraseOptions passphrase;

  /** Checks the paths, asks for the passphrase, opens the key and the inbox. */
  Inbox open() {
    checkPaths();
    char[] secret = passphrase.existing();
    try {
      return open(secret, readState != null ? readState : inbox.resolve(ReadState.DEFAULT_FILE));
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** The passphrase, read once (prompt, file or environment); the caller clears it. */
  char[] passphrase() {
    checkPaths();
    return passphrase.existing();
  }

  /**
   * Checks the paths, opens the key with {@code secret} (not cleared) and the inbox.
   *
   * @param readStateFile the read-state file, or {@code null} for none
   */
  Inbox open(char[] secret, Path readStateFile) {
    checkPaths();
    Opener opener = opener(secret);
    try {
      ReadState state = readStateFile == null ? ReadState.none() : ReadState.load(readStateFile);
      return new Inbox(inbox, opener, state, Runtime.getRuntime().availableProcessors());
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read the inbox folder " + inbox + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Fails with a usage or runtime error when --inbox or --key is missing or not what it should be. */
  void checkPaths() {
    if (inbox == null) {
      throw CommandFailure.usage("--inbox DIR is required (or HOTLINE_RELAY_INBOX)");
    }
    if (key == null) {
      throw CommandFailure.usage("--key FILE is required (or HOTLINE_RELAY_KEY)");
    }
    if (!Files.isDirectory(inbox)) {
      throw CommandFailure.runtime("inbox folder not found: " + inbox);
    }
    if (Files.isDirectory(key)) {
      throw CommandFailure.runtime("--key " + key + " is a folder: give the key file in it, "
          + key.resolve(HotlineKeys.PRIVATE_FILE));
    }
    if (!Files.isRegularFile(key)) {
      throw CommandFailure.runtime("key file not found: " + key);
    }
  }

  private Opener opener(char[] secret) {
    try {
      KeysetHandle handle = PrivateKeyFile.open(key, secret);
      return Opener.create(handle);
    } catch (WrongPassphraseException e) {
      throw CommandFailure.runtime("wrong passphrase or damaged key file");
    } catch (MalformedMessageException e) {
      throw CommandFailure.runtime("not a hotline private key file: " + key);
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read the key file " + key + " (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw CommandFailure.runtime("the key file holds no key that opens reports: " + key);
    }
  }
}
