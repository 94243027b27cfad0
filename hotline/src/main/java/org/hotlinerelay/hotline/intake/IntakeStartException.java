// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

/**
 * The intake could not start: bad configuration (known relays, keystore) or a port it cannot
 * bind. The message is fixed text plus operator-given paths, fit for a one-line {@code Error:}.
 */
public final class IntakeStartException extends Exception {
  /** Which listener's address was already in use, if that is why the intake did not start. */
  public enum BusyListener { NONE, ENVELOPES, ADMIN }

  private final BusyListener busy;

  public IntakeStartException(String message) {
    this(message, BusyListener.NONE);
  }

  IntakeStartException(String message, BusyListener busy) {
    super(message, null, false, false);
    this.busy = busy;
  }

  /** The listener whose address was in use, or {@link BusyListener#NONE}. */
  public BusyListener busyListener() {
    return busy;
  }
}
