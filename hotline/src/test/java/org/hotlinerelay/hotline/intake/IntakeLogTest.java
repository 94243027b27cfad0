// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.store.Quota;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeLogTest {
  @TempDir java.nio.file.Path temp;

  @Test
  void logLines_neverCarryIdsRelayOrAddress() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = capture(records);
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    Logger.getLogger("org.hotlinerelay.intake").setLevel(Level.ALL);
    IntakeFixture fx = new IntakeFixture(temp);
    Envelope envelope = fx.envelope();
    try (IntakeServer server = IntakeServer.start(IntakeConfig.loopback(fx.inbox, fx.knownRelays))) {
      assertEquals(201, fx.postOne(server, envelope));
      assertEquals(200, fx.postOne(server, envelope));
      byte[] tampered = org.hotlinerelay.protocol.envelope.EnvelopeBinary.encode(envelope);
      tampered[3] = 7;
      fx.postFrame(server, tampered);
      fx.postFrame(server, "{\"id\":\"SECRET-MARKER\"}".getBytes(StandardCharsets.US_ASCII));
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertTrue(records.stream().anyMatch(r -> r.getMessage().startsWith("INTAKE-010")), "stored line logged");
    for (LogRecord r : records) {
      // What can reach a log: anything at INFO or above, and our own lines at any level. (JMX
      // traces the server's own listen address at FINER: not request data, and off by default.)
      if (r.getLevel().intValue() < Level.INFO.intValue() && !r.getLoggerName().startsWith("org.hotlinerelay")
          && !r.getLoggerName().startsWith("io.undertow") && !r.getLoggerName().startsWith("org.xnio")) {
        continue;
      }
      String line = r.getLoggerName() + " " + r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown());
      assertFalse(line.contains(envelope.id()), line);
      assertFalse(line.contains(IntakeFixture.RELAY), line);
      assertFalse(line.contains("127.0.0.1"), line);
      assertFalse(line.contains("SECRET-MARKER"), line);
      if (r.getLoggerName().startsWith("org.hotlinerelay")) {
        assertTrue(r.getMessage().matches("INTAKE-\\d{3} [A-Za-z0-9 ():_,-]+"), line);
      }
    }
  }

  @Test
  void diskFailure_isLoggedOncePerStateChange_notPerEnvelope() throws Exception {
    IntakeFixture fx = new IntakeFixture(temp);
    List<LogRecord> records = logged(IntakeConfig.loopback(fx.inbox, fx.knownRelays), server -> {
      assertEquals(201, fx.postOne(server, fx.envelope()));
      try (var files = java.nio.file.Files.list(fx.inbox)) {
        for (java.nio.file.Path f : files.toList()) {
          java.nio.file.Files.delete(f);
        }
      }
      java.nio.file.Files.delete(fx.inbox);
      for (int i = 0; i < 20; i++) {
        assertEquals(503, fx.postOne(server, fx.envelope()));
      }
      java.nio.file.Files.createDirectory(fx.inbox);
      assertEquals(201, fx.postOne(server, fx.envelope()));
      assertEquals(201, fx.postOne(server, fx.envelope()));
    });
    assertEquals(1, count(records, "INTAKE-031"));
    assertEquals(1, count(records, "INTAKE-032"));
  }

  @Test
  void inboxFull_isLoggedOncePerStateChange_notPerEnvelope() throws Exception {
    IntakeFixture fx = new IntakeFixture(temp);
    IntakeConfig oneEnvelope = IntakeConfig.loopback(fx.inbox, fx.knownRelays).withQuota(new Quota(1, 1L << 30));
    List<LogRecord> records = logged(oneEnvelope, server -> {
      assertEquals(201, fx.postOne(server, fx.envelope()));
      for (int i = 0; i < 20; i++) {
        assertEquals(503, fx.postOne(server, fx.envelope()));
      }
    });
    assertEquals(1, count(records, "INTAKE-030"));
  }

  /** What an intake started with {@code config} logs while {@code steps} run against it. */
  private static List<LogRecord> logged(IntakeConfig config, Steps steps) throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = capture(records);
    Logger.getLogger("").addHandler(capture);
    try (IntakeServer server = IntakeServer.start(config)) {
      steps.run(server);
    } finally {
      Logger.getLogger("").removeHandler(capture);
    }
    return records;
  }

  private interface Steps {
    void run(IntakeServer server) throws Exception;
  }

  private static long count(List<LogRecord> records, String code) {
    return records.stream().filter(r -> r.getMessage().startsWith(code)).count();
  }

  /** A handler that adds every record it is given to {@code records}. */
  private static Handler capture(List<LogRecord> records) {
    return new Handler() {
      @Override public void publish(LogRecord r) { records.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
  }
}
