// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hotlinerelay.hotline.store.InboxStore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.hotlinerelay.hotline.open.DecryptionFailedException;
import org.hotlinerelay.protocol.InvalidReportException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;

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
  static final Comparator<InboxEntry> BY_RECEIVED =
      Comparator.comparing((InboxEntry e) -> e.report().receivedHour()).thenComparing(InboxEntry::envelopeId);

  private final InboxStore store;
  private final Opener opener;
  private final ReadState readState;
  private final ExecutorService pool;

  /**
   * @param threads how many envelopes to open at once (the number of cores is right)
   */
  public Inbox(Path dir, Opener opener, ReadState readState, int threads) throws IOException {
    this.store = InboxStore.reading(dir);
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
    return store.ids();
  }

  /** Every report that passes {@code filter}, sorted by received hour; failures go to {@code skipped}. */
  public List<InboxEntry> list(InboxFilter filter, Consumer<Skipped> skipped) throws IOException {
    return list(filter, skipped, Export.ProgressListener.NONE);
  }

  /** As {@link #list(InboxFilter, Consumer)}, telling {@code progress} (done, total) after each chunk. */
  public List<InboxEntry> list(InboxFilter filter, Consumer<Skipped> skipped, Export.ProgressListener progress)
      throws IOException {
    List<InboxEntry> entries = new ArrayList<>();
    List<String> ids = envelopeIds();
    scan(ids, e -> {
      if (filter.matches(e)) {
        entries.add(e);
      }
    }, skipped, done -> progress.update(done, ids.size()));
    progress.finish();
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
   * The report whose envelope id or, failing that, report id starts with {@code prefix} (lower-case
   * hex). Empty when there is none; a {@link Skipped} result when the envelope exists but does not
   * open.
   *
   * @throws AmbiguousIdException more than one envelope id, or more than one report id, starts so
   */
  public Optional<Object> find(String prefix) throws IOException, AmbiguousIdException {
    List<String> envelopes = envelopeIds().stream().filter(i -> i.startsWith(prefix)).toList();
    if (envelopes.size() > 1) {
      throw new AmbiguousIdException(envelopes.size());
    }
    if (envelopes.size() == 1) {
      return Optional.of(open(envelopes.get(0)));
    }
    List<InboxEntry> found = new ArrayList<>(1);
    scan(envelopeIds(), e -> {
      if (e.report().id().startsWith(prefix)) {
        found.add(e);
      }
    }, s -> { }, n -> { });
    if (found.size() > 1) {
      throw new AmbiguousIdException(found.size());
    }
    return found.stream().findFirst().map(e -> (Object) e);
  }

  /** More than one report matches an id prefix. */
  public static final class AmbiguousIdException extends Exception {
    private final int matches;

    AmbiguousIdException(int matches) {
      super("ambiguous id prefix");
      this.matches = matches;
    }

    public int matches() {
      return matches;
    }
  }

  /** Opens one envelope: an {@link InboxEntry}, or a {@link Skipped} saying why not. */
  public Object open(String envelopeId) {
    byte[] sealed;
    try {
      sealed = store.read(envelopeId).sealed();
    } catch (MalformedMessageException e) {
      return new Skipped(envelopeId, Skipped.NOT_AN_ENVELOPE);
    } catch (IOException e) {
      return new Skipped(envelopeId, Skipped.UNREADABLE);
    }
    try {
      Report report = opener.open(sealed);
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
    return "Inbox[" + store.directory() + "]";
  }
}
