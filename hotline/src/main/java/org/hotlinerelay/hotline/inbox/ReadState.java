// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.hotlinerelay.protocol.report.Ids;

/**
 * Which reports have been shown: a file of envelope ids, one a line (mode 0600). Envelope ids are
 * random and carry nothing from the reports, so read/unread state needs no plaintext on disk.
 * Unknown lines are ignored; a missing file means nothing was read yet.
 */
public final class ReadState {
  /** Default file name, inside the inbox folder (the intake ignores it: not an envelope name). */
  public static final String DEFAULT_FILE = ".read-ids";

  private final Path file;
  private final Set<String> read;

  private ReadState(Path file, Set<String> read) {
    this.file = file;
    this.read = read;
  }

  public static ReadState load(Path file) throws IOException {
    Set<String> read = new HashSet<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (Ids.isValid(line.strip())) {
          read.add(line.strip());
        }
      }
    } catch (NoSuchFileException e) {
      // Nothing read yet.
    }
    return new ReadState(file, read);
  }

  /** No read state: nothing was read, and {@link #markRead} remembers in memory only. */
  public static ReadState none() {
    return new ReadState(null, new HashSet<>());
  }

  public boolean isRead(String envelopeId) {
    return read.contains(envelopeId);
  }

  /** Records that a report was shown; durable when it returns. */
  public void markRead(String envelopeId) throws IOException {
    if (!Ids.isValid(envelopeId) || !read.add(envelopeId) || file == null) {
      return;
    }
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
    }
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      out.write(ByteBuffer.wrap((envelopeId + "\n").getBytes(StandardCharsets.US_ASCII)));
      out.force(true);
    }
  }

  public int size() {
    return read.size();
  }
}
