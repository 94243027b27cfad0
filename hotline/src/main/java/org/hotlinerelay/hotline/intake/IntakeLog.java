// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

  /** FINE, like every per-envelope line: a client must not be able to write a line per request (the metrics count them). */
  static void refused(IntakeMetrics.Outcome outcome) {
    LOG.fine("INTAKE-020 envelope refused: " + outcome.label);
  }

  /**
   * The inbox's refusals, logged once per change of state as the relay does with
   * {@code RELAY-030}/{@code RELAY-031}: {@code INTAKE-030} when it becomes full,
   * {@code INTAKE-031} when writes start failing, {@code INTAKE-032} when an envelope is stored
   * again. A client cannot make the intake write a line per envelope it sends
   * ({@code IntakeLogTest#diskFailure_isLoggedOncePerStateChange_notPerEnvelope},
   * {@code IntakeLogTest#inboxFull_isLoggedOncePerStateChange_notPerEnvelope}).
   */
  static final class InboxState {
    private enum State { WRITING, FULL, FAILING }

    private final AtomicReference<State> state = new AtomicReference<>(State.WRITING);

    void full() {
      if (state.getAndSet(State.FULL) != State.FULL) {
        LOG.warning("INTAKE-030 inbox full: answering 503");
      }
    }

    void diskFailure(Throwable e) {
      if (state.getAndSet(State.FAILING) != State.FAILING) {
        LOG.severe("INTAKE-031 inbox write failed (" + e.getClass().getSimpleName() + "): answering 503");
      }
    }

    void stored() {
      if (state.get() != State.WRITING && state.getAndSet(State.WRITING) != State.WRITING) {
        LOG.info("INTAKE-032 inbox writable again");
      }
    }
  }

  static void unexpected(Throwable e) {
    LOG.severe("INTAKE-090 unexpected failure (" + e.getClass().getSimpleName() + ")");
  }
}
