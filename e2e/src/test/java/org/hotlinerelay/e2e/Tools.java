// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need a program outside the JDK (a browser, its driver, w3m, tor,
 * systemd-analyze, the npm tools): a missing tool FAILS the test, naming what to install. Only
 * {@code -Dhotline.skipTools=true} ({@code ./test --skip-tools}) turns that into a skip; each such
 * skip is appended to {@link #SKIPPED}, which {@code ./test} prints as the last lines of its output.
 */
final class Tools {
  /** The property that asks for tool-dependent tests to be skipped. */
  static final String SKIP_PROPERTY = "hotline.skipTools";
  /** One line per test skipped on request, relative to the e2e module. */
  static final Path SKIPPED = Path.of("target/skipped-on-request.txt");

  private Tools() {}

  /**
   * Returns when {@code present}; otherwise fails, or skips when skipping was asked for.
   *
   * @param what the tool, as a person would name it ("chromium and chromium-driver")
   * @param install how to get it ("apt-get install chromium chromium-driver")
   */
  static void require(boolean present, String what, String install) {
    if (present) {
      return;
    }
    if (Boolean.getBoolean(SKIP_PROPERTY)) {
      record(what);
      Assumptions.abort(what + " is not installed: skipped on request (-D" + SKIP_PROPERTY + "=true)");
    }
    fail(what + " is not installed: " + install + " (./test does this when run as root),"
        + " or skip these tests on purpose with ./test --skip-tools");
  }

  private static void record(String what) {
    String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> c != Tools.class && c != BrowserSupport.class)
            .findFirst().map(Class::getSimpleName).orElse("?"));
    try {
      Files.createDirectories(SKIPPED.getParent());
      Files.writeString(SKIPPED, caller + ": " + what + " missing\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
