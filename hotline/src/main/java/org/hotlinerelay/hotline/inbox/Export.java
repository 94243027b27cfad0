// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Writes every report of an inbox to one plaintext file — the staff member's explicit act. The
 * file is created new with mode 0600 (never overwriting anything) and fsynced; if the export
 * fails half-way, the partial file is deleted.
 */
public final class Export {
  /** What an export did. */
  public record Summary(int exported, int skipped, Path file) {
    public String line() {
      return "Exported " + exported + " reports (" + skipped + " skipped) to " + file;
    }
  }

  private Export() {}

  /**
   * @param progress receives (done, total) after each chunk; a no-op when there is no terminal
   */
  public static Summary run(Inbox inbox, Exporter format, Path out, Consumer<Skipped> skipped,
      ProgressListener progress) throws IOException {
    List<String> ids = inbox.envelopeIds();
    int[] counts = new int[2];
    FileChannel channel = FileChannel.open(out, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    boolean complete = false;
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
        StandardCharsets.UTF_8), 1 << 16)) {
      format.header(writer);
      IOException[] failure = new IOException[1];
      IntConsumer onChunk = done -> progress.update(done, ids.size());
      inbox.scan(ids, e -> {
        if (failure[0] != null) {
          return;
        }
        try {
          format.write(writer, e);
          counts[0]++;
        } catch (IOException ex) {
          failure[0] = ex;
        }
      }, s -> {
        counts[1]++;
        skipped.accept(s);
      }, onChunk);
      if (failure[0] != null) {
        throw failure[0];
      }
      writer.flush();
      channel.force(true);
      complete = true;
    } finally {
      progress.finish();
      if (!complete) {
        Files.deleteIfExists(out);
      }
    }
    return new Summary(counts[0], counts[1], out);
  }

  /** Progress of a long export. */
  public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
      @Override public void update(int done, int total) {}
      @Override public void finish() {}
    };

    void update(int done, int total);

    void finish();
  }
}
