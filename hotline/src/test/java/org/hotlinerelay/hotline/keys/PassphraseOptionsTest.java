// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseOptionsTest {
  private static final String GOOD = "correct horse battery";

  @TempDir Path temp;

  private PassphraseOptions options(Path file, String environmentValue, String... typed) {
    PassphraseOptions options = new PassphraseOptions();
    options.passphraseFile = file;
    options.environment = name -> PassphraseOptions.ENV.equals(name) ? environmentValue : null;
    Deque<String> answers = new ArrayDeque<>(List.of(typed));
    options.prompt = question -> answers.isEmpty() ? null : answers.pop().toCharArray();
    return options;
  }

  private Path file(String content) throws Exception {
    Path file = temp.resolve("passphrase");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void existing_fromFile_takesFirstLineWithoutLineEnd() throws Exception {
    for (Map.Entry<String, String> c : Map.of(
        GOOD + "\n", GOOD, GOOD + "\r\n", GOOD, GOOD, GOOD, GOOD + "\nsecond line\n", GOOD,
        " spaces kept \n", " spaces kept ", "pässwörd€\n", "pässwörd€").entrySet()) {
      assertArrayEquals(c.getValue().toCharArray(), options(file(c.getKey()), "env", "typed").existing(), c.getKey());
    }
  }

  @Test
  void existing_noFile_usesEnvironment() {
    assertArrayEquals("from env".toCharArray(), options(null, "from env", "typed").existing());
  }

  @Test
  void existing_noFileNoEnvironment_usesPrompt() {
    assertArrayEquals("typed".toCharArray(), options(null, null, "typed").existing());
  }

  @Test
  void existing_noSourceAtAll_isUsageError() {
    CommandFailure failure = assertThrows(CommandFailure.class, () -> options(null, null).existing());
    assertEquals(ExitCode.USAGE, failure.exitCode());
    assertEquals("no passphrase: use --passphrase-file, HOTLINE_RELAY_PASSPHRASE, or a terminal", failure.getMessage());
  }

  @Test
  void existing_emptyFile_isUsageError() throws Exception {
    CommandFailure failure = assertThrows(CommandFailure.class, () -> options(file("\n"), null).existing());
    assertEquals(ExitCode.USAGE, failure.exitCode());
    assertEquals("empty passphrase", failure.getMessage());
  }

  @Test
  void existing_missingFile_isRuntimeFailure() {
    Path missing = temp.resolve("missing");
    CommandFailure failure = assertThrows(CommandFailure.class, () -> options(missing, GOOD).existing());
    assertEquals(ExitCode.FAILURE, failure.exitCode());
    assertEquals("passphrase file not found: " + missing, failure.getMessage());
  }

  @Test
  void existing_fileNotUtf8_isUsageError() throws Exception {
    Path file = temp.resolve("latin1");
    Files.write(file, new byte[] {'p', (byte) 0xe4, 's', 's', '\n'});
    CommandFailure failure = assertThrows(CommandFailure.class, () -> options(file, null).existing());
    assertEquals(ExitCode.USAGE, failure.exitCode());
  }

  @Test
  void forNewKey_promptTwiceSame_returnsIt() {
    assertArrayEquals(GOOD.toCharArray(), options(null, null, GOOD, GOOD).forNewKey());
  }

  @Test
  void forNewKey_promptTwiceDifferent_isUsageError() {
    CommandFailure failure = assertThrows(CommandFailure.class,
        () -> options(null, null, GOOD, GOOD + "x").forNewKey());
    assertEquals(ExitCode.USAGE, failure.exitCode());
    assertEquals("the two passphrases differ", failure.getMessage());
  }

  @Test
  void forNewKey_tooShortFromAnySource_isUsageError() throws Exception {
    String eleven = "12345678901";
    for (PassphraseOptions options : List.of(
        options(file(eleven + "\n"), null), options(null, eleven), options(null, null, eleven, eleven))) {
      CommandFailure failure = assertThrows(CommandFailure.class, options::forNewKey);
      assertEquals(ExitCode.USAGE, failure.exitCode());
      assertEquals("passphrase too short: a new key needs at least 12 characters", failure.getMessage());
    }
    assertArrayEquals((eleven + "2").toCharArray(), options(null, eleven + "2").forNewKey());
  }

  @Test
  void toString_isRedacted() throws Exception {
    assertEquals("PassphraseOptions[redacted]", options(file(GOOD), GOOD).toString());
  }
}
