// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.admin;

/** The forwarder's counters as {@code /metrics} shows them; all zero when nothing is forwarded. */
public interface ForwardCounts {
  long successes();

  long failures();

  long quarantined();

  /** Batch requests the intake refused as a whole (404, 415, …): a configuration error. */
  long misconfigured();

  /** Batches sent: one per interval, reports or not. */
  long batches();

  /** For a relay that only spools (no hotline URL). */
  ForwardCounts NONE = new ForwardCounts() {
    @Override
    public long successes() {
      return 0;
    }

    @Override
    public long failures() {
      return 0;
    }

    @Override
    public long quarantined() {
      return 0;
    }

    @Override
    public long misconfigured() {
      return 0;
    }

    @Override
    public long batches() {
      return 0;
    }
  };
}
