// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.store.DurableStore;

/**
 * The inbox folder: the one format the intake writes and the inbox, the CLI and the workstation
 * read. One file per verified envelope, named by the envelope id (random, so the name tells
 * nothing), holding the envelope's binary form ({@link EnvelopeBinary}) — still sealed, with the
 * relay's signature, about 16.6 KB each. Writes go through a {@link DurableStore} (durable before
 * the future completes, modification time the epoch).
 *
 * <p>The intake holds the writing face ({@link #writing}); the analyst's side opens the folder
 * read-only ({@link #reading}), which never creates, deletes or sweeps anything, so it can run
 * while the intake writes. A file that is not an envelope, or holds an envelope whose id is not its
 * name, reads as {@link MalformedMessageException} ({@code InboxStoreTest}).
 */
public final class InboxStore {
  private final Path dir;
  private final DurableStore writer;

  private InboxStore(Path dir, DurableStore writer) {
    this.dir = dir;
    this.writer = writer;
  }

  /** The intake's face: stores through {@code store}, which owns the folder. */
  public static InboxStore writing(DurableStore store) {
    return new InboxStore(store.directory(), store);
  }

  /** The analyst's face: reads the folder, never writes it. */
  public static InboxStore reading(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    return new InboxStore(dir, null);
  }

  /** Starts storing {@code envelope}; see {@link DurableStore#putAsync} for what completion means. */
  public CompletableFuture<Void> putAsync(Envelope envelope) {
    if (writer == null) {
      throw new IllegalStateException("read-only inbox store");
    }
    return writer.putAsync(envelope.id(), EnvelopeBinary.encode(envelope));
  }

  /** True when an envelope with this id is stored. */
  public boolean contains(String id) {
    return Ids.isValid(id) && Files.exists(dir.resolve(id));
  }

  /** Every stored envelope id, sorted (which says nothing about time: ids are random). */
  public List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (Ids.isValid(name)) {
          ids.add(name);
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * The stored envelope with this id.
   *
   * @throws NoSuchFileException none is stored
   * @throws MalformedMessageException the file is not an envelope, or not the one its name says
   * @throws IOException the disk failed
   */
  public Envelope read(String id) throws IOException, MalformedMessageException {
    if (!Ids.isValid(id)) {
      throw new NoSuchFileException("not an envelope id");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(dir.resolve(id))) {
      bytes = in.readNBytes(EnvelopeBinary.MAX_BYTES + 1);
    }
    try {
      Envelope envelope = EnvelopeBinary.decode(bytes);
      if (!envelope.id().equals(id)) {
        throw new MalformedMessageException("envelope stored under another name");
      }
      return envelope;
    } catch (UnsupportedVersionException e) {
      throw new MalformedMessageException("unsupported envelope version");
    }
  }

  /** How many envelopes the writer holds (the intake's count); for a reader, the folder's. */
  public int size() throws IOException {
    return writer != null ? writer.count() : ids().size();
  }

  public Path directory() {
    return dir;
  }

  @Override
  public String toString() {
    return "InboxStore[" + dir + "]";
  }
}
