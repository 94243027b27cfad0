// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotlinerelay.protocol.report.Ids;

/**
 * Reads a spool folder another process owns, without opening it as a spool (tests only):
 * every whole entry, its bytes and its stored release time. Damaged parts, and a batch still being
 * written, are skipped.
 */
public final class SpoolFiles {
  /** An entry as stored. */
  public record Stored(byte[] data, long releaseAtMillis) {}

  private SpoolFiles() {}

  public static Map<String, Stored> readAll(Path outbox) throws IOException {
    Map<String, Stored> all = new LinkedHashMap<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(outbox)) {
      for (Path file : found) {
        if (!Ids.isValid(file.getFileName().toString())) {
          continue;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          for (Map.Entry<String, SegmentFormat.Location> e : SegmentFormat.read(file, 0).entries().entrySet()) {
            ByteBuffer data = ByteBuffer.allocate(e.getValue().length());
            SegmentFormat.readFully(channel, data, e.getValue().offset());
            all.put(e.getKey(), new Stored(data.array(), e.getValue().releaseAtMillis()));
          }
        } catch (NoSuchFileException gone) {
          // Its last entry was delivered meanwhile.
        }
      }
    }
    return all;
  }
}
