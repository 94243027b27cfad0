// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

/** The launcher's exit codes, one per class of outcome. */
public final class ExitCode {
  /** Done. */
  public static final int OK = 0;
  /** The command line was wrong: unknown option, missing argument, bad value. */
  public static final int USAGE = 1;
  /** The command was right but could not be carried out: wrong passphrase, unreadable file, … */
  public static final int FAILURE = 2;

  private ExitCode() {}
}
