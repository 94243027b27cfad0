// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the launcher in this JVM: exit code, stdout, stderr. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** The stderr lines. */
  String[] errLines() {
    return err.isEmpty() ? new String[0] : err.split("\n");
  }
}
