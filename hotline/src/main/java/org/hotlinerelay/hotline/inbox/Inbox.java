package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.hotlinerelay.protocol.DecryptionFailedException;
import org.hotlinerelay.protocol.InvalidReportException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Opener;

/**
 * The staff side of the inbox folder the intake fills: opens sealed envelopes with the hotline's
 * private keyset, in parallel, and hands over schema-checked reports. Plaintext stays in memory;
 * the inbox writes nothing but the read-state file (envelope ids only).
 *
 * <p>A file that does not open — not an envelope, sealed for another key, changed on disk, or a
 * report that breaks the schema — becomes a {@link Skipped} with its id and a fixed reason; it
 * never stops a listing. Tests: {@code org.hotlinerelay.hotline.inbox.InboxTest}.
 */
public final class Inbox implements AutoCloseable {
  private static final int CHUNK = 1024;
  /** One read buffer per opening thread: an envelope file is at most this size (ciphertext only). */
  private final ThreadLocal<byte[]> readBuffer =
      ThreadLocal.withInitial(() -> new byte[EnvelopeBinary.MAX_BYTES + 1]);
  static final Comparator<InboxEntry> BY_RECEIVED =
      Comparator.comparing((InboxEntry e) -> e.report().receivedHour()).thenComparing(InboxEntry::envelopeId);

  private final Path dir;
  private final Opener opener;
  private final ReadState readState;
  private final ExecutorService pool;

  /**
   * @param threads how many envelopes to open at once (the number of cores is right)
   */
  public Inbox(Path dir, Opener opener, ReadState readState, int threads) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    this.dir = dir;
    this.opener = opener;
    this.readState = readState;
    this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "inbox-open");
      t.setDaemon(true);
      return t;
    });
  }

  /** Every envelope id in the folder, sorted (which says nothing about time: ids are random). */
  public List<String> envelopeIds() throws IOException {
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

  /** Every report that passes {@code filter}, sorted by received hour; failures go to {@code skipped}. */
  public List<InboxEntry> list(InboxFilter filter, Consumer<Skipped> skipped) throws IOException {
    List<InboxEntry> entries = new ArrayList<>();
    scan(envelopeIds(), e -> {
      if (filter.matches(e)) {
        entries.add(e);
      }
    }, skipped, done -> { });
    entries.sort(BY_RECEIVED);
    return entries;
  }

  /**
   * Opens the given envelopes in parallel and delivers them, in the order given, on the calling
   * thread. {@code progress} receives the running count of envelopes handled.
   */
  public void scan(List<String> ids, Consumer<InboxEntry> sink, Consumer<Skipped> skipped, IntConsumer progress)
      throws IOException {
    List<Future<Object>> window = new ArrayList<>();
    int submitted = 0;
    int done = 0;
    while (done < ids.size()) {
      // Keep two chunks in flight so the workers never wait for the caller.
      while (submitted < ids.size() && submitted - done < 2 * CHUNK) {
        String id = ids.get(submitted++);
        window.add(pool.submit(() -> open(id)));
      }
      int end = Math.min(done + CHUNK, submitted);
      for (int i = done; i < end; i++) {
        Object result = await(window.get(i));
        window.set(i, null);
        if (result instanceof InboxEntry entry) {
          sink.accept(entry);
        } else {
          skipped.accept((Skipped) result);
        }
      }
      done = end;
      progress.accept(done);
    }
  }

  private static Object await(Future<Object> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      throw new IOException("opening failed (" + e.getCause().getClass().getSimpleName() + ")");
    }
  }

  /**
   * The report with this envelope id or, failing that, this report id. Empty when there is none;
   * a {@link Skipped} result when the envelope exists but does not open.
   */
  public Optional<Object> find(String id) throws IOException {
    if (Files.isRegularFile(dir.resolve(id))) {
      return Optional.of(open(id));
    }
    Object[] found = new Object[1];
    scan(envelopeIds(), e -> {
      if (e.report().id().equals(id)) {
        found[0] = e;
      }
    }, s -> { }, n -> { });
    return Optional.ofNullable(found[0]);
  }

  /** Opens one envelope: an {@link InboxEntry}, or a {@link Skipped} saying why not. */
  Object open(String envelopeId) {
    byte[] buffer = readBuffer.get();
    int length;
    try (InputStream in = Files.newInputStream(dir.resolve(envelopeId))) {
      length = in.readNBytes(buffer, 0, buffer.length);
    } catch (IOException e) {
      return new Skipped(envelopeId, Skipped.UNREADABLE);
    }
    if (length == buffer.length) {
      return new Skipped(envelopeId, Skipped.NOT_AN_ENVELOPE);
    }
    StoredEnvelope.Parts envelope = StoredEnvelope.read(buffer, length);
    if (envelope == null || !envelope.id().equals(envelopeId)) {
      return new Skipped(envelopeId, Skipped.NOT_AN_ENVELOPE);
    }
    try {
      Report report = opener.open(envelope.sealed());
      return new InboxEntry(envelopeId, report, readState.isRead(envelopeId));
    } catch (DecryptionFailedException | MalformedMessageException e) {
      return new Skipped(envelopeId, Skipped.CANNOT_OPEN);
    } catch (UnsupportedVersionException | InvalidReportException e) {
      return new Skipped(envelopeId, Skipped.BAD_SCHEMA);
    } catch (RuntimeException e) {
      return new Skipped(envelopeId, Skipped.BAD_SCHEMA);
    }
  }

  public void markRead(String envelopeId) throws IOException {
    readState.markRead(envelopeId);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "Inbox[" + dir + "]";
  }
}
