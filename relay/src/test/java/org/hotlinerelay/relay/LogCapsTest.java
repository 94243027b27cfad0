// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCapsTest {
  @Test
  void apply_silencesTheLoggersThatNameClientsOrRequests() {
    LogCaps.apply();
    assertEquals(Level.OFF, Logger.getLogger("io.undertow.request").getLevel());
    assertEquals(Level.OFF, Logger.getLogger("org.xnio.nio").getLevel());
    assertFalse(Logger.getLogger("io.undertow").isLoggable(Level.INFO));
    assertFalse(Logger.getLogger("io.undertow.request.io").isLoggable(Level.SEVERE));
    assertEquals("jdk", System.getProperty("org.jboss.logging.provider"));
  }
}
