// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.admin;

import java.util.function.Supplier;
import org.hotlinerelay.relay.Metrics;
import org.hotlinerelay.relay.Metrics.Rejection;
import org.hotlinerelay.relay.spool.Spool;

/**
 * The relay's {@code /metrics} page (Prometheus text format 0.0.4): counters and gauges only, no
 * request data, no address, no report time.
 */
public final class MetricsText implements Supplier<String> {
  private final Metrics metrics;
  private final Spool spool;
  private final ForwardCounts forward;

  public MetricsText(Metrics metrics, Spool spool, ForwardCounts forward) {
    this.metrics = metrics;
    this.spool = spool;
    this.forward = forward;
  }

  /** The metrics page now. */
  @Override
  public String get() {
    StringBuilder out = new StringBuilder(2048);
    counter(out, "hotline_relay_reports_accepted_total", "Reports sealed, durably spooled and acknowledged with a 303.", metrics.acceptedCount());
    out.append("# HELP hotline_relay_reports_rejected_total Report POSTs not accepted, by reason.\n");
    out.append("# TYPE hotline_relay_reports_rejected_total counter\n");
    for (Rejection r : Rejection.values()) {
      out.append("hotline_relay_reports_rejected_total{reason=\"").append(r.label()).append("\"} ")
          .append(metrics.rejectedCount(r)).append('\n');
    }
    counter(out, "hotline_relay_honeypot_drops_total", "POSTs with the honeypot filled: answered as received, nothing kept.", metrics.honeypotDropCount());
    gauge(out, "hotline_relay_spool_depth", "Sealed envelopes waiting to be forwarded.", spool.depth());
    gauge(out, "hotline_relay_spool_oldest_age_seconds", "How long the oldest waiting envelope has waited.", spool.oldestAge().toSeconds());
    gauge(out, "hotline_relay_spool_quarantined", "Envelopes in quarantine (refused by the hotline), kept for staff.", quarantinedFiles());
    counter(out, "hotline_relay_forward_batches_total", "Batches sent to the hotline: one per interval, reports or not.", forward.batches());
    counter(out, "hotline_relay_forward_successes_total", "Reports the hotline acknowledged.", forward.successes());
    counter(out, "hotline_relay_forward_failures_total", "Forwarding attempts that failed and will be retried.", forward.failures());
    counter(out, "hotline_relay_forward_quarantined_total", "Envelopes the hotline refused for good, kept in quarantine.", forward.quarantined());
    counter(out, "hotline_relay_forward_misconfigured_total", "Batch requests the intake refused as a whole (404, 415, ...): check the hotline URL.", forward.misconfigured());
    counter(out, "hotline_relay_keyset_reloads_total", "Hotline public keysets taken on after a change of file.", metrics.keysetReloadCount());
    counter(out, "hotline_relay_keyset_reload_failures_total", "Changed hotline keyset files refused (the old keyset stays).", metrics.keysetReloadFailureCount());
    return out.toString();
  }

  private long quarantinedFiles() {
    try {
      return spool.quarantined();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "counter", value);
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "gauge", value);
  }

  private static void metric(StringBuilder out, String name, String help, String type, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ').append(value).append('\n');
  }

}
