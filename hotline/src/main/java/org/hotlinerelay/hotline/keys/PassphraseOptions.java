// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Option;

/**
 * Where a command gets the passphrase of the hotline's private key file (a picocli mixin, used by
 * {@code keys} and {@code inbox}). In order: {@code --passphrase-file FILE} (its first line, line
 * end stripped), else the environment variable {@value #ENV}, else a prompt on the terminal
 * without echo. Without any of them the command fails with a usage error, never with an empty
 * passphrase.
 *
 * <p>Returns a {@code char[]} that the caller clears ({@code Arrays.fill(p, '\0')}) once the key
 * file is opened. The environment variable arrives as a {@code String} that cannot be cleared:
 * prefer the file or the prompt on shared machines.
 */
public final class PassphraseOptions {
  /** The environment variable read when no {@code --passphrase-file} is given. */
  public static final String ENV = "HOTLINE_RELAY_PASSPHRASE";
  /** Minimum length of the passphrase for a new key file. */
  public static final int MIN_NEW_LENGTH = 12;
  private static final int MAX_FILE_BYTES = 64 * 1024;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = {
        "Read the passphrase from the first line of FILE. A new key needs at least " + MIN_NEW_LENGTH + " characters.",
        "Without it: the environment variable's value is the passphrase itself, else a prompt on the terminal"
            + " asks for it without echo (" + ENV + ")."
      })
  Path passphraseFile;

  /** The environment, replaceable in tests. */
  Function<String, String> environment = System::getenv;
  /** The terminal prompt, replaceable in tests; returns null when there is no terminal. */
  Prompt prompt = PassphraseOptions::consolePrompt;

  /** Reads text from the terminal without echo. */
  @FunctionalInterface
  interface Prompt {
    /** Returns the typed characters, or null when there is no terminal. */
    char[] read(String question);
  }

  /** The passphrase of an existing key file. The caller clears the array. */
  public char[] existing() {
    char[] passphrase = fromFileOrEnvironment();
    if (passphrase == null) {
      passphrase = ask("Passphrase for the hotline private key: ");
    }
    return requireNonEmpty(passphrase);
  }

  /**
   * A passphrase for a new key file: at least {@value #MIN_NEW_LENGTH} characters; typed twice
   * when it comes from the prompt. The caller clears the array.
   */
  public char[] forNewKey() {
    char[] passphrase = fromFileOrEnvironment();
    if (passphrase == null) {
      passphrase = ask("New passphrase (at least " + MIN_NEW_LENGTH + " characters): ");
      char[] again = ask("The same passphrase again: ");
      boolean same = Arrays.equals(passphrase, again);
      Arrays.fill(again, '\0');
      if (!same) {
        Arrays.fill(passphrase, '\0');
        throw CommandFailure.usage("the two passphrases differ");
      }
    }
    requireNonEmpty(passphrase);
    if (passphrase.length < MIN_NEW_LENGTH) {
      Arrays.fill(passphrase, '\0');
      throw CommandFailure.usage("passphrase too short: a new key needs at least " + MIN_NEW_LENGTH + " characters");
    }
    return passphrase;
  }

  private char[] fromFileOrEnvironment() {
    if (passphraseFile != null) {
      return firstLine(passphraseFile);
    }
    String fromEnvironment = environment.apply(ENV);
    return fromEnvironment == null ? null : fromEnvironment.toCharArray();
  }

  private char[] ask(String question) {
    char[] typed = prompt.read(question);
    if (typed == null) {
      throw CommandFailure.usage("no passphrase: use --passphrase-file, " + ENV + ", or a terminal");
    }
    return typed;
  }

  private static char[] requireNonEmpty(char[] passphrase) {
    if (passphrase.length == 0) {
      throw CommandFailure.usage("empty passphrase");
    }
    return passphrase;
  }

  /** The first line of the file, without its line end, decoded as UTF-8. */
  static char[] firstLine(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw CommandFailure.usage("passphrase file is too large: " + file);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CommandFailure.runtime("passphrase file not found: " + file);
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read passphrase file: " + file);
    }
    CharBuffer chars;
    try {
      chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw CommandFailure.usage("passphrase file is not UTF-8 text: " + file);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int end = 0;
    while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
      end++;
    }
    char[] line = new char[end];
    chars.get(line, 0, end);
    chars.clear();
    while (chars.hasRemaining()) {
      chars.put('\0');
    }
    return line;
  }

  private static char[] consolePrompt(String question) {
    Console console = System.console();
    return console == null ? null : console.readPassword("%s", question);
  }

  @Override
  public String toString() {
    return "PassphraseOptions[redacted]";
  }
}
