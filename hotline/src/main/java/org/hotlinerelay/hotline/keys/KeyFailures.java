// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.keys.KeysetRefusedException;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;

/**
 * Turns a failed key operation into one {@code Error:} line and exit 2. Lines name the file and a
 * fixed reason; they never quote a file's contents or a passphrase.
 */
final class KeyFailures {
  private KeyFailures() {}

  /** {@code file} is the file the command was working on, named when the exception has none. */
  static CommandFailure explain(Exception e, Path file) {
    if (e instanceof WrongPassphraseException) {
      return CommandFailure.runtime("wrong passphrase or damaged key file");
    }
    if (e instanceof KeysetRefusedException) {
      return CommandFailure.runtime("key file refused: " + file + ": " + e.getMessage());
    }
    if (e instanceof MalformedMessageException) {
      return CommandFailure.runtime("not a hotline private key file: " + file);
    }
    if (e instanceof GeneralSecurityException) {
      return CommandFailure.runtime("key operation failed (" + e.getClass().getSimpleName() + ")");
    }
    if (e instanceof IOException io) {
      return explainIo(io, file);
    }
    return CommandFailure.runtime("unexpected failure (" + e.getClass().getSimpleName() + ")");
  }

  private static CommandFailure explainIo(IOException e, Path fallback) {
    String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : String.valueOf(fallback);
    if (e instanceof FileAlreadyExistsException) {
      return CommandFailure.runtime("refusing to overwrite existing file: " + file);
    }
    if (e instanceof NoSuchFileException missing && KeyFolders.MISSING_PARENT.equals(missing.getReason())) {
      return CommandFailure.runtime("the folder " + file + " does not exist: create it first, or choose another --dir");
    }
    if (e instanceof NoSuchFileException) {
      return CommandFailure.runtime("not found: " + file);
    }
    if (e instanceof NotDirectoryException) {
      return CommandFailure.runtime("not a folder: " + file);
    }
    if (e instanceof AccessDeniedException) {
      return CommandFailure.runtime("permission denied: " + file);
    }
    return CommandFailure.runtime("cannot read or write " + file + " (" + e.getClass().getSimpleName() + ")");
  }
}
