// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The intake's counters, rendered as Prometheus text. Counters only: no id, no relay id, no
 * address, nothing that tells who sent what.
 */
final class IntakeMetrics {
  /** Why an envelope was refused (4xx) or could not be taken (503). */
  enum Outcome {
    MALFORMED("malformed"),
    TOO_LARGE("too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    UNSUPPORTED_VERSION("unsupported_version"),
    UNKNOWN_RELAY("unknown_relay"),
    BAD_SIGNATURE("bad_signature"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    NOT_FOUND("not_found"),
    INBOX_FULL("inbox_full"),
    DISK_FAILURE("disk_failure"),
    /** The same id is being written by another request right now (a batch): retry later. */
    IN_PROGRESS("in_progress");

    final String label;

    Outcome(String label) {
      this.label = label;
    }

    boolean isUnavailable() {
      return this == INBOX_FULL || this == DISK_FAILURE || this == IN_PROGRESS;
    }
  }

  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong cover = new AtomicLong();
  private final Map<Outcome, AtomicLong> refused = new EnumMap<>(Outcome.class);
  private final IntSupplier inboxSize;

  IntakeMetrics(IntSupplier inboxSize) {
    this.inboxSize = inboxSize;
    for (Outcome o : Outcome.values()) {
      refused.put(o, new AtomicLong());
    }
  }

  void stored() {
    stored.incrementAndGet();
  }

  void duplicate() {
    duplicates.incrementAndGet();
  }

  /** A cover envelope: signature checked, nothing stored. */
  void cover() {
    cover.incrementAndGet();
  }

  long coverCount() {
    return cover.get();
  }

  void refused(Outcome outcome) {
    refused.get(outcome).incrementAndGet();
  }

  long storedCount() {
    return stored.get();
  }

  long duplicateCount() {
    return duplicates.get();
  }

  long refusedCount(Outcome outcome) {
    return refused.get(outcome).get();
  }

  String prometheus() {
    StringBuilder out = new StringBuilder(1024);
    counter(out, "hotline_intake_envelopes_stored_total", "Envelopes stored durably.", stored.get());
    counter(out, "hotline_intake_envelopes_duplicate_total",
        "Envelopes whose id was already stored (answered 200, not stored again).", duplicates.get());
    counter(out, "hotline_intake_cover_envelopes_total",
        "Cover envelopes: signature checked, dropped, nothing stored.", cover.get());
    out.append("# HELP hotline_intake_envelopes_rejected_total Envelopes refused with a 4xx, by reason.\n")
        .append("# TYPE hotline_intake_envelopes_rejected_total counter\n");
    for (Outcome o : Outcome.values()) {
      if (!o.isUnavailable()) {
        out.append("hotline_intake_envelopes_rejected_total{reason=\"").append(o.label).append("\"} ")
            .append(refused.get(o).get()).append('\n');
      }
    }
    out.append("# HELP hotline_intake_unavailable_total Envelopes answered 503 (retry later), by reason.\n")
        .append("# TYPE hotline_intake_unavailable_total counter\n");
    for (Outcome o : Outcome.values()) {
      if (o.isUnavailable()) {
        out.append("hotline_intake_unavailable_total{reason=\"").append(o.label).append("\"} ")
            .append(refused.get(o).get()).append('\n');
      }
    }
    out.append("# HELP hotline_intake_inbox_envelopes Sealed envelopes in the inbox now.\n")
        .append("# TYPE hotline_intake_inbox_envelopes gauge\n")
        .append("hotline_intake_inbox_envelopes ").append(inboxSize.getAsInt()).append('\n');
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
