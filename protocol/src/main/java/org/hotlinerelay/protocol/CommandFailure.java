// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/**
 * Ends a command with one line on stderr ({@code Error: <message>}) and an exit code. The message
 * is fixed text written by us; it never quotes a report, a passphrase or key material.
 */
public final class CommandFailure extends RuntimeException {
  private final int exitCode;

  public CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A runtime failure (exit 2). */
  public static CommandFailure runtime(String message) {
    return new CommandFailure(ExitCode.FAILURE, message);
  }

  /** A usage error (exit 1). */
  public static CommandFailure usage(String message) {
    return new CommandFailure(ExitCode.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
