// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where {@code tor} and {@code tor-gencert} are (Debian's {@code tor} package has both). */
public record TorBinaries(String tor, String gencert) {
  /** Both programs from {@code PATH} or the usual system directories, or empty if either is missing. */
  public static Optional<TorBinaries> find() {
    String tor = onPath("tor");
    String gencert = onPath("tor-gencert");
    return tor == null || gencert == null ? Optional.empty() : Optional.of(new TorBinaries(tor, gencert));
  }

  private static String onPath(String program) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
