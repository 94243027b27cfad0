package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {
  @Test
  void multiLine_keepsLineBreaks_dropsControlAndFormatCharacters() {
    assertEquals("a\nb c", TextNormaliser.multiLine(" a\r\nb\u0000\u200E\tc\u0007 "));
  }

  @Test
  void singleLine_turnsLineBreaksIntoSpaces() {
    assertEquals("a b", TextNormaliser.singleLine("a\nb"));
  }

  @Test
  void normalisesToNfc() {
    assertEquals("\u00e9", TextNormaliser.singleLine("e\u0301"));
  }

  @Test
  void dropsBidiOverrides_thatCouldDisguiseAnAddress() {
    assertEquals("https://example.com/gpj.exe", TextNormaliser.singleLine("https://example.com/\u202Egpj.exe"));
  }

  @Test
  void nullBecomesEmpty() {
    assertEquals("", TextNormaliser.multiLine(null));
  }
}
