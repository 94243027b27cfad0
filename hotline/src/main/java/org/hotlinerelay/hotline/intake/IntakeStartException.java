package org.hotlinerelay.hotline.intake;

/**
 * The intake could not start: bad configuration (known relays, keystore) or a port it cannot
 * bind. The message is fixed text plus operator-given paths, fit for a one-line {@code Error:}.
 */
public final class IntakeStartException extends Exception {
  public IntakeStartException(String message) {
    super(message, null, false, false);
  }
}
