// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's counters, shown on the admin listener's {@code /metrics}. Counters only: nothing
 * here can hold request data, an address or a time. One instance per running relay, made by
 * {@link RelayServer} and handed to what increments it (the form handler, the keyset watcher).
 * The forwarder keeps its own counters, which the admin listener reads beside these. Thread-safe.
 */
public final class Metrics {
  /** Why a POST to {@code /report} was not accepted. */
  public enum Rejection {
    BAD_REQUEST("bad_request"),
    INVALID("invalid"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    SPOOL_FULL("spool_full"),
    STORE_FAILED("store_failed"),
    NO_KEY("no_key");

    private final String label;

    Rejection(String label) {
      this.label = label;
    }

    /** The Prometheus label value. */
    public String label() {
      return label;
    }
  }

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong honeypotDrops = new AtomicLong();
  private final Map<Rejection, AtomicLong> rejected = new EnumMap<>(Rejection.class);
  private final AtomicLong keysetReloads = new AtomicLong();
  private final AtomicLong keysetReloadFailures = new AtomicLong();

  public Metrics() {
    for (Rejection r : Rejection.values()) {
      rejected.put(r, new AtomicLong());
    }
  }

  /** A report was sealed and durably spooled, and the reporter got the 303. */
  public void reportAccepted() {
    accepted.incrementAndGet();
  }

  public void reportRejected(Rejection reason) {
    rejected.get(reason).incrementAndGet();
  }

  /** The honeypot field was filled: a normal-looking answer, nothing kept. */
  public void honeypotDropped() {
    honeypotDrops.incrementAndGet();
  }

  public void keysetReloaded() {
    keysetReloads.incrementAndGet();
  }

  public void keysetReloadFailed() {
    keysetReloadFailures.incrementAndGet();
  }

  public long acceptedCount() {
    return accepted.get();
  }

  public long rejectedCount(Rejection reason) {
    return rejected.get(reason).get();
  }

  public long honeypotDropCount() {
    return honeypotDrops.get();
  }

  public long keysetReloadCount() {
    return keysetReloads.get();
  }

  public long keysetReloadFailureCount() {
    return keysetReloadFailures.get();
  }
}
