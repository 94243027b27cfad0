// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
  @TempDir Path temp;

  /** Takes the lock on {@code args[0]}, says whether it got it, and holds it until its stdin closes. */
  public static void main(String[] args) throws Exception {
    Optional<StateLock> lock = StateLock.tryAcquire(Path.of(args[0]));
    System.out.println(lock.isPresent() ? "locked" : "busy");
    System.out.flush();
    while (System.in.read() != -1) {
      // hold
    }
  }

  @Test
  void tryAcquire_heldByAnotherProcess_emptyUntilThatProcessEnds() throws Exception {
    Path state = temp.resolve("state");
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), StateLockTest.class.getName(), state.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", said.readLine());
      assertTrue(StateLock.tryAcquire(state).isEmpty(), "a second workstation on the same state folder is refused");
    } finally {
      other.getOutputStream().close();
      other.waitFor();
    }
    try (StateLock mine = StateLock.tryAcquire(state).orElseThrow()) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(StateLock.FILE))));
    }
  }

  @Test
  void tryAcquire_heldInThisProcess_emptyUntilClosed() throws Exception {
    Path state = temp.resolve("state");
    StateLock first = StateLock.tryAcquire(state).orElseThrow();
    assertTrue(StateLock.tryAcquire(state).isEmpty());
    first.close();
    StateLock.tryAcquire(state).orElseThrow().close();
  }
}
