package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.relay.forward.IntakeClient.BatchAnswer;
import org.hotlinerelay.relay.spool.Spool;

/**
 * Drains the {@link Spool} to the hotline intake, in batches ({@code POST /v1/envelope-batches},
 * {@link EnvelopeBatch}), or one by one ({@code POST /v1/envelopes}) to an intake without batches.
 *
 * <ul>
 *   <li>Batches form by themselves: a send takes what waits when a slot frees, spread over the free
 *       slots, at most {@link EnvelopeBatch#MAX_ENVELOPES}; one report alone goes at once, alone.
 *       Each envelope of a batch is settled by its own status, as if sent alone
 *       ({@code ForwarderTest#batch_backlogGoesInFewRequests_eachEnvelopeSettledByItsOwnStatus}).
 *       An intake that answers the batch path 404/405/415 gets envelopes one by one for
 *       {@link #BATCH_RETRY}
 *       ({@code ForwarderTest#intakeWithoutBatches_oneByOne}); a batch refused as a whole (400,
 *       413) is re-sent one by one, so no envelope is quarantined for another's fault.
 *   <li>Batches are sent as JSON lines until an intake's batch answer says it takes binary
 *       batches, then binary, until an answer that does not say so ({@link EnvelopeBatch};
 *       {@code ForwarderTest#binaryBatches_onlyOnceTheIntakeSaysItTakesThem}); a binary batch
 *       answered 404/405/415 is sent again at once as JSON lines.
 *   <li>The spool is the queue: envelopes pending at start-up are sent, so a restart loses nothing
 *       ({@code ForwarderTest#start_sendsEnvelopesPendingFromBeforeRestart}).
 *   <li>An envelope is deleted only after a 2xx ({@code ForwarderTest#deliver_2xxDeletes}); a 4xx
 *       other than 408/429 moves it to quarantine and counts it, never a silent delete
 *       ({@code ForwarderTest#deliver_4xxQuarantines}); 429, 5xx and network errors keep it and
 *       retry after an exponential, jittered backoff ({@code ForwarderTest#deliver_retriesAfterOutage}).
 *   <li>Delivery is at least once: a crash between the hotline's 2xx and the delete re-sends; the
 *       hotline de-duplicates by envelope id.
 *   <li>Reporters first, for a burst: while more than {@link #REPORTERS_WAITING} reports wait to
 *       be made durable, the forwarder sends one envelope at a time, {@link #PACE} apart, and
 *       leaves the CPU to the people waiting for their "received" page; it never stops
 *       ({@code ForwarderTest#reportersWaiting_oneEnvelopeAtATimeButNeverStops}). Only while
 *       fewer than {@link #YIELD_BELOW_DEPTH} envelopes are spooled: under a sustained flood the
 *       backlog (and the memory that indexes it) would otherwise grow until the quota, so past
 *       that the forwarder sends at full speed again
 *       ({@code ForwarderTest#reportersWaiting_butBacklogLarge_fullSpeed}).
 *   <li>Logs carry fixed event codes and exception class names only: never envelope content,
 *       hosts or exception messages.
 * </ul>
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
  private static final Duration POLL = Duration.ofMillis(500);
  /** The whole spool is looked at this often (and after failures); new envelopes come by signal. */
  private static final Duration RESCAN = Duration.ofSeconds(5);
  /** More reports than this being made durable at once: reporters are waiting, the forwarder yields. */
  static final int REPORTERS_WAITING = 8;
  /** With this many envelopes spooled or more, the forwarder no longer yields. */
  static final int YIELD_BELOW_DEPTH = 2_000;
  /** While it yields, the least time between two sends. */
  static final Duration PACE = Duration.ofMillis(10);
  /** After an intake said it has no batch endpoint, how long to send one by one before asking again. */
  static final Duration BATCH_RETRY = Duration.ofMinutes(10);

  /** Told of each outcome, e.g. to count it in the relay's metrics. Counters only: no ids. */
  public interface Events {
    default void succeeded() {}

    default void failed() {}

    default void quarantined() {}
  }

  private final Spool spool;
  private final Events events;
  private final IntakeClient client;
  private final BackoffPolicy backoff;
  private final int parallelism;
  private final ExecutorService senders;
  private final Semaphore slots;
  /** Ids queued in {@link #work} or being sent. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  /** The loop thread's queue of ids to send. */
  private final ArrayDeque<String> work = new ArrayDeque<>();
  /** Set after a failure: the failed envelope is found again by listing the spool. */
  private final AtomicBoolean rescanNow = new AtomicBoolean();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicInteger failuresInRow = new AtomicInteger();
  private final AtomicLong retryAtNanos = new AtomicLong(System.nanoTime());
  /** Batches go in the binary form while this is true: the last batch answer said the intake takes it. */
  private final AtomicBoolean binaryBatches = new AtomicBoolean();
  /** RELAY-311 is logged once, not at every outage. */
  private final AtomicBoolean toldBinary = new AtomicBoolean();
  /** Until then, one envelope per request ({@code POST /v1/envelopes}). */
  private final AtomicLong oneByOneUntilNanos = new AtomicLong(System.nanoTime());
  private final Thread loop;
  /** When the loop thread last let a send through while yielding (loop thread only). */
  private long lastPacedSend = System.nanoTime();
  private volatile boolean running = true;

  public Forwarder(Spool spool, ForwarderConfig config) throws IOException, GeneralSecurityException {
    this(spool, config, new Events() {});
  }

  /** As above, and tells {@code events} of every outcome (the relay's /metrics). */
  public Forwarder(Spool spool, ForwarderConfig config, Events events) throws IOException, GeneralSecurityException {
    this.spool = spool;
    this.events = events;
    this.client = new IntakeClient(config);
    this.backoff = config.backoff();
    this.parallelism = config.parallelism();
    this.slots = new Semaphore(parallelism);
    AtomicInteger threadNumber = new AtomicInteger();
    this.senders = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "forwarder-send-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.loop = new Thread(this::run, "forwarder");
    this.loop.setDaemon(true);
  }

  /** Starts forwarding on its own threads. */
  public Forwarder start() {
    loop.start();
    LOG.info("RELAY-300 forwarder started");
    return this;
  }

  /** Envelopes the hotline acknowledged (2xx) and that were then deleted. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Attempts that failed and will be retried (429, 5xx, network errors). */
  public long failures() {
    return failures.get();
  }

  /** Envelopes the hotline refused for good (4xx) or that could not be read: moved to quarantine. */
  public long quarantined() {
    return quarantined.get();
  }

  long refusedLocalLookups() {
    return client.refusedLocalLookups();
  }

  private void run() {
    long nextRescan = System.nanoTime();
    while (running) {
      try {
        waitOutBackoff();
        if (rescanNow.getAndSet(false) || System.nanoTime() - nextRescan >= 0) {
          spool.pending().forEach(this::enqueue);
          nextRescan = System.nanoTime() + RESCAN.toNanos();
        }
        for (String id; (id = spool.awaitArrival(Duration.ZERO)) != null; ) {
          enqueue(id);
        }
        if (work.isEmpty()) {
          String id = spool.awaitArrival(POLL);
          if (id != null) {
            enqueue(id);
          }
          continue;
        }
        while (!work.isEmpty() && running && !backingOff()) {
          yieldToReporters();
          slots.acquire();
          // What arrived while every slot was busy joins this send: batches form under load only.
          for (String id; (id = spool.awaitArrival(Duration.ZERO)) != null; ) {
            enqueue(id);
          }
          List<String> batch = takeBatch();
          senders.execute(() -> sendAndSettle(batch));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "RELAY-301 spool listing failed: {0}", e.getClass().getName());
        sleepQuietly(POLL);
      }
    }
  }

  /** While reporters wait: returns when nothing is in flight and {@link #PACE} has passed. */
  private void yieldToReporters() throws InterruptedException {
    while (running && spool.putsInFlight() > REPORTERS_WAITING && spool.depth() < YIELD_BELOW_DEPTH) {
      if (slots.availablePermits() == parallelism && System.nanoTime() - lastPacedSend >= PACE.toNanos()) {
        lastPacedSend = System.nanoTime();
        return;
      }
      Thread.sleep(2);
    }
  }

  /**
   * The next send's ids: what waits, spread over the free slots (a restart's backlog of 50 goes
   * out as 8 requests at once, not 2), at most {@link EnvelopeBatch#MAX_ENVELOPES}; one while the
   * intake has no batch endpoint.
   */
  private List<String> takeBatch() {
    int most = oneByOne() ? 1 : EnvelopeBatch.MAX_ENVELOPES;
    int freeSlots = slots.availablePermits() + 1;
    int size = Math.max(1, Math.min(most, (work.size() + freeSlots - 1) / freeSlots));
    List<String> batch = new ArrayList<>(size);
    while (batch.size() < size && !work.isEmpty()) {
      batch.add(work.poll());
    }
    return batch;
  }

  private boolean oneByOne() {
    return System.nanoTime() - oneByOneUntilNanos.get() < 0;
  }

  /** Queues an envelope unless it is already queued or being sent. */
  private void enqueue(String id) {
    if (known.add(id)) {
      work.add(id);
    }
  }

  private void sendAndSettle(List<String> ids) {
    try {
      if (oneByOne()) {
        sendOneByOne(ids);
        return;
      }
      sendBatch(ids, binaryBatches.get() ? Spool.Form.BINARY : Spool.Form.JSON);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "RELAY-303 spool read failed: {0}", e.getClass().getName());
      failed();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "RELAY-302 forwarding error: {0}", e.getClass().getName());
      failed();
    } finally {
      ids.forEach(known::remove);
      slots.release();
    }
  }

  private void sendBatch(List<String> ids, Spool.Form form) throws IOException {
    SpoolBatch batch = new SpoolBatch(spool, ids, form);
    BatchAnswer answer;
    try {
      answer = batch.isEmpty() ? null : client.sendBatch(batch);
    } finally {
      batch.unreadable().forEach(id -> quarantine(id, "RELAY-304 unreadable envelope quarantined"));
    }
    if (answer == null) {
      return;
    }
    learnForm(answer);
    switch (answer.kind()) {
      case RESULTS -> settleEach(batch.sent(), answer.statuses());
      case RETRY -> failed();
      case NOT_SUPPORTED -> {
        if (form == Spool.Form.BINARY) {
          // The intake takes binary batches no longer (downgraded): JSON lines, at once.
          sendBatch(batch.sent(), Spool.Form.JSON);
          return;
        }
        if (oneByOneUntilNanos.getAndSet(System.nanoTime() + BATCH_RETRY.toNanos()) - System.nanoTime() <= 0) {
          LOG.info("RELAY-310 hotline intake takes no batches: sending one by one");
        }
        sendOneByOne(batch.sent());
      }
      case ONE_BY_ONE -> sendOneByOne(batch.sent());
    }
  }

  /**
   * Binary batches from now on when this answer is a 200 whose {@code Accept-Post} names them;
   * JSON lines after any other answer ({@link EnvelopeBatch}: how relay and intake agree).
   */
  private void learnForm(BatchAnswer answer) {
    boolean binary = answer.kind() == IntakeClient.BatchKind.RESULTS && answer.takesBinary();
    if (binaryBatches.getAndSet(binary) != binary && binary && !toldBinary.getAndSet(true)) {
      LOG.info("RELAY-311 hotline intake takes binary batches: sending them");
    }
  }

  /** Each envelope as its own status says; one failed round however many ask to retry. */
  private void settleEach(List<String> ids, int[] statuses) {
    boolean retry = false;
    for (int i = 0; i < ids.size(); i++) {
      retry |= !settle(ids.get(i), IntakeClient.classify(statuses[i]));
    }
    if (retry) {
      failed();
    }
  }

  /** {@code POST /v1/envelopes} for each, stopping at the first that must be retried. */
  private void sendOneByOne(List<String> ids) throws IOException {
    for (int i = 0; i < ids.size() && running; i++) {
      SpoolBatch one = new SpoolBatch(spool, ids.subList(i, i + 1), Spool.Form.JSON);
      byte[] json = one.nextCopy();
      one.unreadable().forEach(id -> quarantine(id, "RELAY-304 unreadable envelope quarantined"));
      if (json != null && !settle(ids.get(i), client.send(json))) {
        failed();
        return;
      }
    }
  }

  /** Acts on one envelope's outcome; false when it is to be retried. */
  private boolean settle(String id, IntakeClient.Outcome outcome) {
    switch (outcome) {
      case DELIVERED -> delivered(id);
      case REFUSED -> quarantine(id, "RELAY-305 envelope refused by hotline, quarantined");
      case RETRY -> {
        return false;
      }
    }
    return true;
  }

  private void delivered(String id) {
    try {
      spool.acknowledged(id);
      forwarded.incrementAndGet();
      events.succeeded();
      failuresInRow.set(0);
    } catch (IOException e) {
      // The envelope stays and is sent again; the hotline de-duplicates.
      LOG.log(Level.WARNING, "RELAY-306 delete after delivery failed: {0}", e.getClass().getName());
    }
  }

  private void quarantine(String id, String event) {
    try {
      spool.quarantine(id);
      quarantined.incrementAndGet();
      events.quarantined();
      LOG.warning(event);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "RELAY-307 quarantine failed: {0}", e.getClass().getName());
      failed();
    }
  }

  /**
   * One failed attempt. The backoff grows by one step per round, not per envelope: the other
   * sends in flight when the hotline went down fail too, and must not push the next retry out to
   * the cap at once ({@code ForwarderTest#backoff_growsOncePerRoundNotOncePerEnvelopeInFlight}).
   */
  private synchronized void failed() {
    failures.incrementAndGet();
    events.failed();
    rescanNow.set(true);
    if (backingOff()) {
      return;
    }
    int attempt = failuresInRow.incrementAndGet();
    long delay = backoff.delay(attempt).toNanos();
    retryAtNanos.accumulateAndGet(System.nanoTime() + delay, Math::max);
    if (attempt == 1) {
      LOG.warning("RELAY-308 hotline unavailable, backing off");
    }
  }

  private boolean backingOff() {
    return System.nanoTime() - retryAtNanos.get() < 0;
  }

  private void waitOutBackoff() throws InterruptedException {
    long remaining;
    while (running && (remaining = retryAtNanos.get() - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, POLL.toNanos()));
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sending; envelopes not yet acknowledged stay in the spool for the next start. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.interrupt();
    loop.join(5_000);
    client.cancelAll();
    senders.shutdown();
    senders.awaitTermination(5, TimeUnit.SECONDS);
    client.close();
    LOG.info("RELAY-309 forwarder stopped");
  }

  @Override
  public String toString() {
    return "Forwarder[forwarded=" + forwarded() + ", failures=" + failures() + ", quarantined=" + quarantined() + "]";
  }
}
