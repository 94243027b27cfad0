package org.hotlinerelay.hotline.intake;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The intake's only log lines: fixed event codes with fixed text. None carries an envelope id, a
 * relay id, an address or an exception message (which could echo input); failures log their
 * exception's class name at most.
 *
 * <p>Undertow and XNIO log client addresses only at DEBUG/TRACE in {@code io.undertow.request}
 * and {@code org.xnio.nio}; {@link #capLibraryLoggers()} holds those at INFO whatever the logging
 * configuration says. The loggers are kept referenced here, or JUL could forget their level.
 */
final class IntakeLog {
  private static final Logger LOG = Logger.getLogger("org.hotlinerelay.intake");
  private static final List<Logger> CAPPED = List.of(
      Logger.getLogger("io.undertow.request"),
      Logger.getLogger("io.undertow.request.io"),
      Logger.getLogger("io.undertow.request.error-response"),
      Logger.getLogger("io.undertow.request.security"),
      Logger.getLogger("io.undertow.accesslog"),
      Logger.getLogger("org.xnio.nio"),
      Logger.getLogger("org.xnio.nio.tcp"));

  private IntakeLog() {}

  static void capLibraryLoggers() {
    for (Logger logger : CAPPED) {
      if (effectiveLevel(logger).intValue() < Level.INFO.intValue()) {
        logger.setLevel(Level.INFO);
      }
    }
  }

  /** The level the logger acts on: its own, else its nearest ancestor's (a stricter one is kept). */
  private static Level effectiveLevel(Logger logger) {
    for (Logger l = logger; l != null; l = l.getParent()) {
      if (l.getLevel() != null) {
        return l.getLevel();
      }
    }
    return Level.INFO;
  }

  static void started(boolean tls) {
    LOG.info(tls ? "INTAKE-001 intake started (TLS)" : "INTAKE-001 intake started (plain HTTP on loopback)");
  }

  static void stopped() {
    LOG.info("INTAKE-002 intake stopped");
  }

  static void stored() {
    LOG.fine("INTAKE-010 envelope stored");
  }

  static void duplicate() {
    LOG.fine("INTAKE-011 duplicate envelope acknowledged");
  }

  static void refused(IntakeMetrics.Outcome outcome) {
    LOG.info("INTAKE-020 envelope refused: " + outcome.label);
  }

  static void inboxFull() {
    LOG.warning("INTAKE-030 inbox full: answering 503");
  }

  static void diskFailure(Throwable e) {
    LOG.severe("INTAKE-031 inbox write failed (" + e.getClass().getSimpleName() + "): answering 503");
  }

  static void unexpected(Throwable e) {
    LOG.severe("INTAKE-090 unexpected failure (" + e.getClass().getSimpleName() + ")");
  }
}
