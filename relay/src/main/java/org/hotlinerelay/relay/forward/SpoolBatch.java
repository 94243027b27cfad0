package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.relay.spool.Spool;

/**
 * The envelopes of one batch, read from the spool a few at a time while the request body is
 * written, so that a batch in flight holds about one envelope in memory, not 32: whole batches
 * held by 8 sends at once outlived young collections and filled the old generation (a full
 * collection every 1.5 s under load.sh); they are read into one buffer per thread, reused
 * ({@link #next} says for how long a buffer it gives is valid). Each envelope is given in the
 * batch's form ({@link Spool#readToSend}); one that is gone is skipped, one that is not an
 * envelope is skipped and listed in {@link #unreadable()}.
 * One pass only (the request body is one-shot).
 */
final class SpoolBatch implements IntakeClient.BatchSource {
  /** Envelopes read through one open of their file at a time. */
  private static final int READ_AHEAD = 4;
  /**
   * What each forwarding thread reads envelopes into, reused from one group to the next: a
   * thread sends one batch at a time, and an envelope given by {@link #next} is written into the
   * request before the next is asked for. About 90 KB a thread.
   */
  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_AHEAD * EnvelopeCodec.MAX_JSON_BYTES));
  private final Spool spool;
  private final List<String> ids;
  private final Spool.Form form;
  private final List<String> sent = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();
  private final ArrayDeque<String> readyIds = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> ready = new ArrayDeque<>();
  private int nextToRead;

  SpoolBatch(Spool spool, List<String> ids, Spool.Form form) {
    this.spool = spool;
    this.ids = ids;
    this.form = form;
  }

  @Override
  public boolean binary() {
    return form == Spool.Form.BINARY;
  }

  /** True when not one of the ids is still there and readable (reads ahead to know). */
  boolean isEmpty() throws IOException {
    fill();
    return ready.isEmpty();
  }

  @Override
  public ByteBuffer next() throws IOException {
    fill();
    if (ready.isEmpty()) {
      return null;
    }
    sent.add(readyIds.poll());
    return ready.poll();
  }

  /** {@link #next} in an array of its own (a request of one envelope), or null. */
  byte[] nextCopy() throws IOException {
    ByteBuffer next = next();
    if (next == null) {
      return null;
    }
    byte[] out = new byte[next.remaining()];
    next.get(out);
    return out;
  }

  private void fill() throws IOException {
    while (ready.isEmpty() && nextToRead < ids.size()) {
      List<String> group = ids.subList(nextToRead, Math.min(ids.size(), nextToRead + READ_AHEAD));
      nextToRead += group.size();
      List<ByteBuffer> spooled = spool.readToSend(group, unreadable, SCRATCH.get().clear(), form);
      for (int i = 0; i < group.size(); i++) {
        if (spooled.get(i) != null) {
          ready.add(spooled.get(i));
          readyIds.add(group.get(i));
        }
      }
    }
  }

  /** The ids written into the body so far, in order: what the intake's results are about. */
  @Override
  public List<String> sent() {
    return sent;
  }

  /** Ids whose spooled bytes are not an envelope: never sent, to be quarantined. */
  List<String> unreadable() {
    return unreadable;
  }

  @Override
  public String toString() {
    return "SpoolBatch[" + ids.size() + " envelopes]";
  }
}
