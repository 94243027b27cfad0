// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void unlocked_countsTheEnvelopesThatDidNotOpen() {
    assertEquals("Workstation unlocked for Alice: 5 reports.", ServeCommand.unlocked("Alice", 5, 0));
    assertEquals("Workstation unlocked for Alice: 1 report; 1 envelope did not open and is not in it (named above).",
        ServeCommand.unlocked("Alice", 1, 1));
    assertEquals("Workstation unlocked for Bob: 4 reports; 4 envelopes did not open and are not in it (named above).",
        ServeCommand.unlocked("Bob", 4, 4));
  }
}
