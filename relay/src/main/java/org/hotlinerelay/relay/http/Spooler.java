// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.store.StoreFullException;
import org.hotlinerelay.relay.Metrics.Rejection;
import org.hotlinerelay.relay.forward.Cover;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.keys.HotlineKeyset;
import org.hotlinerelay.relay.spool.Spool;

/**
 * The relay's sealing stage: seal → sign (on a worker thread) → spool, with the release time the
 * {@link Schedule} draws for it. {@link #acceptAsync}'s future completes normally only
 * once the sealed envelope is durable ({@link Spool#putAsync}); any failure gives
 * {@link Unavailable}, and the caller answers 503:
 * nothing is acknowledged that is not durable ({@code ReportHandlerTest}). The padded plaintext
 * is zeroed by {@link Sealer}; the report's Strings cannot be (threat-model: residual risks).
 *
 * <p>A filled honeypot goes the same path ({@link #trapAsync}): a cover envelope is sealed, signed
 * and spooled with a release time like a report's, and answered when it is durable; the forwarder
 * later sends it in a batch slot, and the intake drops it. So the trap's answer takes what a real
 * report's takes, from the first request after start-up, and its spool record and its place on
 * the link look like a report's; nothing of what the bot sent is kept
 * ({@code ReportHandlerAsyncTest#post_honeypot_waitsForTheSameDurableWriteAsARealReport}).
 *
 * <p>Logs only changes of state ({@code RELAY-030} refusing, {@code RELAY-031} taking reports
 * again), never one line per report: a per-report log line would record each report's exact time.
 */
public final class Spooler {
  private static final Logger LOG = Logger.getLogger(Spooler.class.getName());

  private final HotlineKeyset keys;
  private final EnvelopeSigner signer;
  private final Spool spool;
  private final Cover cover;
  private final Schedule schedule;
  private final Clock clock;
  private final RandomGenerator random = new SecureRandom();
  private final AtomicBoolean refusing = new AtomicBoolean();

  public Spooler(HotlineKeyset keys, EnvelopeSigner signer, Spool spool, Schedule schedule, Clock clock) {
    this.keys = keys;
    this.signer = signer;
    this.spool = spool;
    this.cover = new Cover(keys, signer);
    this.schedule = schedule;
    this.clock = clock;
  }

  /** The relay cannot take this report safely now; nothing of it was kept. */
  static final class Unavailable extends Exception {
    final Rejection reason;

    Unavailable(Rejection reason) {
      super(reason.label(), null, false, false);
      this.reason = reason;
    }
  }

  /**
   * Seals and signs on the calling (worker) thread, then starts spooling. The future completes
   * normally only once the envelope is durable ({@link Spool#putAsync}), or exceptionally with
   * {@link Unavailable}; it completes on a store thread (the caller continues on its own executor).
   * Sealing failures throw at once.
   */
  CompletableFuture<Void> acceptAsync(Report report) throws Unavailable {
    refuseWhenFull();
    Envelope envelope;
    try {
      Sealer sealer = keys.sealer();
      envelope = signer.wrap(sealer.seal(report));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw refuse(Rejection.NO_KEY, e);
    }
    return spooled(envelope);
  }

  /** As {@link #acceptAsync}, for a filled honeypot: a cover envelope instead of the report. */
  CompletableFuture<Void> trapAsync() throws Unavailable {
    refuseWhenFull();
    Envelope envelope;
    try {
      envelope = cover.next();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw refuse(Rejection.NO_KEY, e);
    }
    return spooled(envelope);
  }

  /**
   * A full spool refuses before anything is sealed ({@code SpoolerTest#fullSpool_refusesBeforeAnythingIsSealed}):
   * sealing and signing are most of a report's cost, and the spool would refuse the envelope anyway.
   */
  private void refuseWhenFull() throws Unavailable {
    if (spool.full()) {
      throw refuse(Rejection.SPOOL_FULL, new StoreFullException());
    }
  }

  private CompletableFuture<Void> spooled(Envelope envelope) {
    return spool.putAsync(envelope, schedule.releaseTime(clock.instant(), random)).handle((ok, error) -> {
      if (error != null) {
        throw new CompletionException(storeFailure(unwrap(error)));
      }
      if (refusing.compareAndSet(true, false)) {
        LOG.info("RELAY-031 taking reports again");
      }
      return null;
    });
  }

  private Unavailable storeFailure(Throwable cause) {
    Exception e = cause instanceof Exception ex ? ex : new IOException("store failed");
    return refuse(cause instanceof StoreFullException ? Rejection.SPOOL_FULL : Rejection.STORE_FAILED, e);
  }

  static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private Unavailable refuse(Rejection reason, Exception cause) {
    if (refusing.compareAndSet(false, true)) {
      LOG.warning("RELAY-030 cannot take reports, answering 503 (" + reason.label() + ", "
          + cause.getClass().getSimpleName() + ")");
    }
    return new Unavailable(reason);
  }
}
