// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caps the loggers of Undertow and XNIO, which name client addresses and requests at DEBUG/TRACE
 * (and, for a failed request, at ERROR in {@code io.undertow.request}): the relay's own event
 * lines are the only ones that can say anything about a request, and they never do. Holds the
 * capped loggers so that their levels cannot be lost to garbage collection.
 */
final class LogCaps {
  private static final List<Logger> CAPPED = List.of(
      Logger.getLogger("io.undertow"),
      Logger.getLogger("io.undertow.request"),
      Logger.getLogger("io.undertow.request.io"),
      Logger.getLogger("io.undertow.request.error-response"),
      Logger.getLogger("io.undertow.request.security"),
      Logger.getLogger("org.xnio"),
      Logger.getLogger("org.xnio.nio"),
      Logger.getLogger("org.xnio.listener"),
      Logger.getLogger("org.jboss"));

  private LogCaps() {}

  /** Route jboss-logging to JUL and cap the noisy loggers. Idempotent. */
  static void apply() {
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "jdk");
    }
    for (Logger logger : CAPPED) {
      String name = logger.getName();
      logger.setLevel(name.startsWith("io.undertow.request") || name.equals("org.xnio.nio")
          || name.equals("org.xnio.listener") ? Level.OFF : Level.WARNING);
    }
  }
}
