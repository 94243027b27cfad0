// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool fails a test; only the documented property makes it a recorded skip. */
class ToolsTest {
  @Test
  void require_missingTool_fails_namingWhatToInstall() {
    String before = System.clearProperty(Tools.SKIP_PROPERTY);
    try {
      AssertionFailedError e = assertThrows(AssertionFailedError.class,
          () -> Tools.require(false, "w3m", "apt-get install w3m"));
      assertTrue(e.getMessage().contains("w3m is not installed: apt-get install w3m"), e.getMessage());
      assertTrue(e.getMessage().contains("./test --skip-tools"), e.getMessage());
      assertDoesNotThrow(() -> Tools.require(true, "w3m", "apt-get install w3m"));
    } finally {
      restore(before);
    }
  }

  @Test
  void require_missingTool_withSkipAsked_skips_andRecordsIt() throws Exception {
    String before = System.setProperty(Tools.SKIP_PROPERTY, "true");
    try {
      assertThrows(TestAbortedException.class, () -> Tools.require(false, "a made-up tool", "apt-get install nothing"));
      assertTrue(Files.readString(Tools.SKIPPED).contains("ToolsTest: a made-up tool missing"));
    } finally {
      restore(before);
      Files.deleteIfExists(Tools.SKIPPED);
    }
  }

  private static void restore(String value) {
    if (value == null) {
      System.clearProperty(Tools.SKIP_PROPERTY);
    } else {
      System.setProperty(Tools.SKIP_PROPERTY, value);
    }
  }
}
