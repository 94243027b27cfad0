// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.hotlinerelay.protocol.store.DurableStore;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;

/** Writing key files: new files never overwrite, replacements are atomic, private files are 0600. */
final class KeyFolders {
  private KeyFolders() {}

  /** Creates the folder with mode 0700 when it is missing (its parent must exist). */
  static void createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(dir.toString());
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectory(dir);
    }
  }

  /** Fails as {@link #createPrivate} would, without creating anything. */
  /** The reason of the {@link java.nio.file.NoSuchFileException} for a key folder whose parent is missing. */
  static final String MISSING_PARENT = "the parent folder is missing";

  static void checkCanCreate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(dir.toString());
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new java.nio.file.NoSuchFileException(parent.toString(), dir.toString(), MISSING_PARENT);
    }
  }

  /**
   * Writes a file that must not exist yet, synced to disk. Private files get mode 0600; public
   * ones the default mode.
   */
  static void writeNew(Path file, byte[] bytes, boolean secret) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    if (secret) {
      PrivateKeyFile.writeNew(file, bytes);
      return;
    }
    Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  /** Replaces a public file atomically: temporary file, sync, rename, folder sync. */
  static void replace(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    writeNew(temp, bytes, false);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(file.toAbsolutePath().getParent());
  }

  private static void syncFolder(Path dir) {
    try {
      DurableStore.syncDirectory(dir);
    } catch (IOException notSupportedHere) {
      // Some file systems cannot sync a folder; the rename itself is still atomic.
    }
  }
}
