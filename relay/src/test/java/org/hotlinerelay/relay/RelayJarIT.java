// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The relay's own jar, as {@code package} built it: nothing in it can open a report or read a
 * private key file (the checks of {@link RelayClasspathTest}), it runs as the relay, and its
 * licence files are the project's.
 */
class RelayJarIT {
  private static final Path JAR = Path.of("target", "hotline-relay-relay.jar");

  @Test
  void relayJar_holdsNothingThatCanOpenAReport() throws IOException {
    assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      assertTrue(jar.getEntry("org/hotlinerelay/relay/RelayMain.class") != null, "the relay's launcher");
      assertTrue(jar.getEntry("org/hotlinerelay/protocol/seal/Sealer.class") != null, "sealing");
      assertTrue(jar.getEntry("io/undertow/Undertow.class") != null, "its libraries");
    }
    assertEquals(List.of(), RelayClasspathTest.openingCodeIn(JAR), "code that can open a report in the relay's jar");
  }

  @Test
  void relayJar_runsTheRelayCommand_withItsErrorLine() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process help = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
    String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(help.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, help.exitValue(), usage);
    assertTrue(usage.startsWith("Usage: " + RelayMain.NAME + " "), usage);
    assertTrue(usage.contains("--spool-max-entries"), usage);

    Process bad = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--time-granularity", "minute").start();
    String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, bad.exitValue(), err);
    assertEquals("Error: --time-granularity must be hour or day", err.lines().findFirst().orElse(""), err);
  }

  /** The shade configuration (parent pom) is the launcher's too: one check covers both jars' files. */
  @Test
  void relayJar_carriesTheProjectsOwnLicenseAndNotice() throws IOException {
    assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      for (String name : List.of("LICENSE", "NOTICE")) {
        ZipEntry entry = jar.getEntry("META-INF/" + name);
        assertTrue(entry != null, "META-INF/" + name);
        byte[] inJar;
        try (InputStream in = jar.getInputStream(entry)) {
          inJar = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(Path.of("..", name)), inJar, "META-INF/" + name + " is the root " + name);
      }
    }
  }
}
