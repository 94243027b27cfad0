// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The relay's runtime classpath holds no code that can open a report or read a private key file
 * (threat-model.md): not the hotline module, not BouncyCastle (Argon2 for the key file), no class
 * named {@code Opener} or {@code PrivateKeyFile}, and no class outside Tink that refers to Tink's
 * {@code HybridDecrypt}. The classpath is the one Maven resolves for the relay module at runtime
 * scope (written by {@code dependency:build-classpath} to {@code target/runtime-classpath.txt})
 * plus the relay's own classes: test-scoped jars are not on it.
 */
class RelayClasspathTest {
  private static final byte[] HYBRID_DECRYPT = "com/google/crypto/tink/HybridDecrypt".getBytes(StandardCharsets.US_ASCII);

  @Test
  void runtimeClasspath_holdsNothingThatCanOpenAReport() throws IOException {
    List<Path> classpath = runtimeClasspath();
    assertTrue(classpath.stream().anyMatch(p -> p.getFileName().toString().startsWith("tink-")),
        "the listing is the relay's runtime classpath (Tink is on it): " + classpath);
    List<String> found = new ArrayList<>();
    for (Path entry : classpath) {
      found.addAll(openingCodeIn(entry));
    }
    assertEquals(List.of(), found, "code that can open a report on the relay's runtime classpath");
  }

  /** The check finds what it looks for: protocol's TEST-ONLY opener, on the test classpath only. */
  @Test
  void check_findsATestOnlyOpenerInProtocolsTestJar() throws IOException {
    Path testJar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(p -> p.toString().contains("protocol") && (p.toString().endsWith("-tests.jar") || p.endsWith(Path.of("target", "test-classes"))))
        .findFirst().orElseThrow(() -> new AssertionError("protocol's test jar is not on the test classpath"));
    assertTrue(openingCodeIn(testJar).contains("refers to HybridDecrypt: org/hotlinerelay/protocol/testing/TestOpener.class"),
        openingCodeIn(testJar).toString());
    assertFalse(runtimeClasspath().contains(testJar));
  }

  private static List<Path> runtimeClasspath() throws IOException {
    Path listing = Path.of("target", "runtime-classpath.txt");
    assertTrue(Files.isRegularFile(listing), "Maven writes " + listing + " (dependency:build-classpath) before the tests");
    List<Path> entries = new ArrayList<>();
    entries.add(Path.of("target", "classes"));
    for (String entry : Files.readString(listing).strip().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  /** One line per class in a jar or class folder that could open a report or read a private key file. */
  static List<String> openingCodeIn(Path entry) throws IOException {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          check(entry.relativize(file).toString().replace(File.separatorChar, '/'), Files.readAllBytes(file), found);
        }
      }
    } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
      try (ZipFile jar = new ZipFile(entry.toFile())) {
        for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
          ZipEntry zip = e.nextElement();
          if (zip.getName().endsWith(".class")) {
            try (InputStream in = jar.getInputStream(zip)) {
              check(zip.getName(), in.readAllBytes(), found);
            }
          }
        }
      }
    }
    return found;
  }

  private static void check(String name, byte[] bytes, List<String> found) {
    String simple = name.substring(name.lastIndexOf('/') + 1);
    if (name.startsWith("org/hotlinerelay/") && (simple.equals("Opener.class") || simple.equals("PrivateKeyFile.class"))) {
      found.add("opener or private key file: " + name);
    } else if (name.startsWith("org/hotlinerelay/hotline/")) {
      onceFor("hotline module, e.g. ", name, found);
    } else if (name.startsWith("org/bouncycastle/")) {
      onceFor("BouncyCastle (Argon2 for key files), e.g. ", name, found);
    } else if (!name.startsWith("com/google/crypto/tink/") && contains(bytes, HYBRID_DECRYPT)) {
      found.add("refers to HybridDecrypt: " + name);
    }
  }

  private static void onceFor(String what, String name, List<String> found) {
    if (found.stream().noneMatch(f -> f.startsWith(what))) {
      found.add(what + name);
    }
  }

  private static boolean contains(byte[] bytes, byte[] wanted) {
    outer:
    for (int i = 0; i + wanted.length <= bytes.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
