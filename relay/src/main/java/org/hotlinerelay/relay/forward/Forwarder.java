package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.relay.forward.IntakeClient.BatchAnswer;
import org.hotlinerelay.relay.spool.Spool;

/**
 * Drains the {@link Spool} to the hotline intake, one batch at a time ({@link EnvelopeBatch}):
 * what is due, at most {@link EnvelopeBatch#MAX_ENVELOPES} per request.
 *
 * <ul>
 *   <li>Each envelope of a batch is settled by its own status
 *       ({@code ForwarderTest#batch_eachEnvelopeSettledByItsOwnStatus}).
 *   <li>The spool is the queue: envelopes pending at start-up are sent, so a restart loses nothing
 *       ({@code ForwarderTest#start_sendsEnvelopesPendingFromBeforeRestart}).
 *   <li>An envelope is deleted only after a 2xx ({@code ForwarderTest#deliver_2xxDeletes}); a 4xx
 *       other than 408/429 moves it to quarantine and counts it, never a silent delete
 *       ({@code ForwarderTest#deliver_4xxQuarantines}); 429, 5xx and network errors keep it and
 *       retry after an exponential, jittered backoff ({@code ForwarderTest#deliver_retriesAfterOutage}).
 *   <li>An intake that answers the request as a whole with 404, 415 or another 4xx is a
 *       configuration error: counted, logged once ({@code RELAY-310}), everything kept and retried
 *       ({@code ForwarderTest#intakeAnswers404or415_isAConfigurationError_countedLoggedOnce_nothingLost}).
 *   <li>Delivery is at least once: a crash between the hotline's 2xx and the delete re-sends; the
 *       hotline de-duplicates by envelope id.
 *   <li>Logs carry fixed event codes and exception class names only.
 * </ul>
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
  private static final Duration POLL = Duration.ofMillis(100);

  private final Spool spool;
  private final IntakeClient client;
  private final BackoffPolicy backoff;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong misconfigured = new AtomicLong();
  private final Thread loop;
  private volatile boolean running = true;

  public Forwarder(Spool spool, ForwarderConfig config) throws IOException, GeneralSecurityException {
    this.spool = spool;
    this.client = new IntakeClient(config);
    this.backoff = config.backoff();
    this.loop = new Thread(this::run, "forwarder");
    this.loop.setDaemon(true);
  }

  /** Starts forwarding on its own thread. */
  public Forwarder start() {
    loop.start();
    LOG.info("RELAY-300 forwarder started");
    return this;
  }

  /** Envelopes the hotline acknowledged (2xx) and that were then deleted. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Attempts that failed and will be retried (429, 5xx, network errors, configuration errors). */
  public long failures() {
    return failures.get();
  }

  /** Envelopes the hotline refused for good (4xx) or that could not be read: moved to quarantine. */
  public long quarantined() {
    return quarantined.get();
  }

  /** Batches the intake answered as a whole with 404, 415 or another 4xx: the hotline URL is wrong. */
  public long misconfigured() {
    return misconfigured.get();
  }

  long refusedLocalLookups() {
    return client.refusedLocalLookups();
  }

  private void run() {
    int failuresInRow = 0;
    while (running) {
      try {
        List<String> ids = spool.due(Instant.now(), EnvelopeBatch.MAX_ENVELOPES);
        if (ids.isEmpty()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        if (send(ids)) {
          failuresInRow = 0;
        } else {
          Thread.sleep(backoff.delay(++failuresInRow).toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "RELAY-303 spool read failed: {0}", e.getClass().getName());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "RELAY-302 forwarding error: {0}", e.getClass().getName());
      }
    }
  }

  /** Sends these envelopes as one batch and settles each; false when the attempt failed (retry later). */
  private boolean send(List<String> ids) throws IOException {
    List<String> unreadable = new ArrayList<>();
    List<byte[]> read = spool.read(ids, unreadable);
    unreadable.forEach(id -> quarantine(id, "RELAY-304 unreadable envelope quarantined"));
    List<String> sent = new ArrayList<>(ids.size());
    List<byte[]> envelopes = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      if (read.get(i) != null) {
        sent.add(ids.get(i));
        envelopes.add(read.get(i));
      }
    }
    if (envelopes.isEmpty()) {
      return true;
    }
    BatchAnswer answer = client.sendBatch(envelopes);
    return switch (answer.kind()) {
      case RESULTS -> settleEach(sent, answer.statuses());
      case RETRY -> failed();
      case MISCONFIGURED -> {
        if (misconfigured.getAndIncrement() == 0) {
          LOG.warning("RELAY-310 hotline intake refused the batch request: check --hotline-url");
        }
        yield failed();
      }
    };
  }

  /** Each envelope as its own status says; false when any is to be retried. */
  private boolean settleEach(List<String> ids, int[] statuses) {
    boolean retry = false;
    for (int i = 0; i < ids.size(); i++) {
      switch (IntakeClient.classify(statuses[i])) {
        case DELIVERED -> delivered(ids.get(i));
        case REFUSED -> quarantine(ids.get(i), "RELAY-305 envelope refused by hotline, quarantined");
        case RETRY -> retry = true;
      }
    }
    return !retry || failed();
  }

  private void delivered(String id) {
    try {
      spool.acknowledged(id);
      forwarded.incrementAndGet();
    } catch (IOException e) {
      // The envelope stays and is sent again; the hotline de-duplicates.
      LOG.log(Level.WARNING, "RELAY-306 delete after delivery failed: {0}", e.getClass().getName());
    }
  }

  private void quarantine(String id, String event) {
    try {
      spool.quarantine(id);
      quarantined.incrementAndGet();
      LOG.warning(event);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "RELAY-307 quarantine failed: {0}", e.getClass().getName());
    }
  }

  /** Counts one failed attempt; always false. */
  private boolean failed() {
    if (failures.getAndIncrement() == 0) {
      LOG.warning("RELAY-308 hotline unavailable, backing off");
    }
    return false;
  }

  /** Stops sending; envelopes not yet acknowledged stay in the spool for the next start. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.interrupt();
    client.cancelAll();
    loop.join(5_000);
    client.close();
    LOG.info("RELAY-309 forwarder stopped");
  }

  @Override
  public String toString() {
    return "Forwarder[forwarded=" + forwarded() + ", failures=" + failures() + ", quarantined=" + quarantined() + "]";
  }
}
