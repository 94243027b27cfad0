// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public face of {@code report}, {@code seal} and {@code keys} is what the module's map
 * ({@code package-info.java} of this package) names: a new public type there fails until the map
 * says what it is for; implementation details stay package-private.
 */
class ProtocolSurfaceTest {
  private static final List<String> PACKAGES = List.of("report", "seal", "keys");

  @Test
  void publicTypes_areTheOnesTheMapNames() throws Exception {
    String map = Files.readString(Path.of("src/main/java/org/hotlinerelay/protocol/package-info.java"));
    Set<String> unnamed = new TreeSet<>();
    Set<String> publicTypes = new TreeSet<>();
    for (String pkg : PACKAGES) {
      Path dir = Path.of("target/classes/org/hotlinerelay/protocol", pkg);
      assertTrue(Files.isDirectory(dir), "compiled classes of " + pkg);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
          String simple = file.getFileName().toString().replace(".class", "");
          String name = "org.hotlinerelay.protocol." + pkg + "." + simple;
          if (Modifier.isPublic(Class.forName(name).getModifiers())) {
            publicTypes.add(pkg + "." + simple);
            if (!map.contains("{@link " + name + "}")) {
              unnamed.add(name);
            }
          }
        }
      }
    }
    assertTrue(publicTypes.contains("seal.Sealer"), "found the compiled classes: " + publicTypes);
    assertEquals(Set.of(), unnamed, "public types the module's map does not name");
  }

  /** {@code internal} packages are protocol's own: no other module's source imports one. */
  @Test
  void internalPackages_areImportedByNoOtherModule() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(root.resolve("relay/src")), "run from the protocol module of the repository");
    Set<String> offenders = new TreeSet<>();
    int files = 0;
    for (String module : List.of("relay", "hotline", "cli", "static-site", "e2e", "benchmarks")) {
      Path src = root.resolve(module).resolve("src");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
          files++;
          if (java.util.regex.Pattern.compile("org\\.hotlinerelay\\.protocol\\.[a-z.]*internal\\b").matcher(Files.readString(file)).find()) {
            offenders.add(root.relativize(file).toString());
          }
        }
      }
    }
    assertTrue(files > 100, "read the other modules' sources");
    assertEquals(Set.of(), offenders);
  }
}
