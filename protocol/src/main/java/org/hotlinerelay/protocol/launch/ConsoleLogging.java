// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.launch;

import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging for a launcher's own JVM: one line per event on stderr ({@code INFO
 * RELAY-001 …}), never a stack trace; the libraries' INFO lines (XNIO, Undertow, JBoss) kept off
 * the console, so that a failing command's first line is its {@code Error:} line; and handlers
 * that survive the JVM's shutdown, so that a server stopped by SIGTERM still logs its stop line.
 * Not used when {@code java.util.logging.config.file} names another configuration.
 */
public final class ConsoleLogging {
  private ConsoleLogging() {}

  /** Call first in {@code main}, before anything logs: the log manager is chosen only once. */
  public static void install() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    // Before the first logger: the JDK reads these once.
    System.setProperty("java.util.logging.manager", KeepHandlers.class.getName());
    System.setProperty("org.jboss.logging.provider", "jdk");
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.ALL);
    console.setFormatter(new OneLine());
    root.addHandler(console);
    root.setLevel(Level.INFO);
    Libraries.LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  /** The libraries' loggers, held so that their levels cannot be lost to garbage collection. */
  private static final class Libraries {
    static final List<Logger> LOGGERS = List.of(
        Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"), Logger.getLogger("org.jboss"),
        Logger.getLogger("org.wildfly"), Logger.getLogger("okhttp3"));
  }

  /** {@code LEVEL message}: no time, no logger name, no throwable. */
  static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord record) {
      return record.getLevel().getName() + " " + formatMessage(record) + System.lineSeparator();
    }
  }

  /**
   * A log manager whose {@link #reset} keeps the handlers. The JDK resets the log manager in a
   * shutdown hook of its own, which may run before a server's hook logs its stop line; the console
   * handler flushes every record, so nothing is lost by never closing it.
   */
  public static final class KeepHandlers extends LogManager {
    public KeepHandlers() {}

    @Override
    public void reset() {
      // Handlers stay until the JVM exits.
    }
  }
}
