package org.hotlinerelay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The operator's guide as the Tor tests read it, so the configuration they run is the one the
 * guide tells operators to use, and cannot drift from it.
 */
final class OperatorGuide {
  /** The document, relative to the repository root, that holds the operator's torrc block. */
  static final String DOCUMENT = "README.md";

  private OperatorGuide() {}

  /** The lines of the fenced block that follows {@code <!-- check: torrc -->} in {@link #DOCUMENT}. */
  static List<String> torrc() throws IOException {
    List<String> lines = Files.readAllLines(ThreatModelTest.repositoryRoot().resolve(DOCUMENT));
    int at = lines.indexOf("<!-- check: torrc -->");
    if (at < 0) {
      throw new IllegalStateException(DOCUMENT + " has no <!-- check: torrc --> block");
    }
    int start = at + 1;
    while (!lines.get(start).startsWith("```")) {
      start++;
    }
    int end = start + 1;
    while (!lines.get(end).startsWith("```")) {
      end++;
    }
    return List.copyOf(lines.subList(start + 1, end));
  }
}
