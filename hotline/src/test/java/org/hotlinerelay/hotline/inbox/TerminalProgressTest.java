// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The progress line {@code inbox list} and {@code inbox export} draw on a terminal. */
class TerminalProgressTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter err = new PrintWriter(text, true);

  @Test
  void update_onceTheDelayHasPassed_redrawsOneLine_finishEndsIt() {
    InboxCommand.TerminalProgress progress = new InboxCommand.TerminalProgress(err, "Opening", 0);
    progress.update(500, 2000);
    progress.update(2000, 2000);
    progress.finish();
    assertEquals("\rOpening [#######                       ] 500/2000"
        + "\rOpening [##############################] 2000/2000" + System.lineSeparator(), text.toString());
  }

  @Test
  void update_beforeTheDelay_printsNothing_soAQuickListingStaysClean() {
    InboxCommand.TerminalProgress progress =
        new InboxCommand.TerminalProgress(err, "Opening", TimeUnit.HOURS.toNanos(1));
    progress.update(1000, 5000);
    progress.finish();
    assertEquals("", text.toString());
  }

  @Test
  void update_fewEnvelopes_printsNothing() {
    InboxCommand.TerminalProgress progress = new InboxCommand.TerminalProgress(err, "Exporting", 0);
    progress.update(10, 999);
    progress.finish();
    assertEquals("", text.toString());
  }
}
