// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {
  @Test
  void multiLine_keepsLineBreaks_turnsTabs_removesNothing() {
    assertEquals("a\nb\u0000\u200E c\u0007", TextNormaliser.multiLine(" a\r\nb\u0000\u200E\tc\u0007 "));
  }

  @Test
  void multiLine_keepsZwnjZwjRlmAndAlm_ordinaryInArabicAndPersian() {
    String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u200F\u061C\u200D";
    assertEquals(persian, TextNormaliser.multiLine(persian));
    assertTrue(TextNormaliser.isClean(persian, true));
  }

  @Test
  void multiLine_keepsBidiOverridesAsTyped() {
    String text = "file \u202Egpj.exe\u202C and \u2066isolated\u2069";
    assertEquals(text, TextNormaliser.multiLine(text));
    assertTrue(TextNormaliser.isClean(text, true));
  }

  @Test
  void controlCharacters_areFoundNotRemoved() {
    assertEquals(1, TextNormaliser.firstRefused("a\u0007b"));
    assertEquals(1, TextNormaliser.firstRefused("a\u0085b"));
    assertEquals(-1, TextNormaliser.firstRefused("a\r\n\tb\u200Bc"));
    assertFalse(TextNormaliser.isClean("bell\u0007", true));
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
  void singleLine_keepsInvisibleCharactersInAnAddress_forTheFormToRefuse() {
    String url = "https://e\u200b.com/\u202egpj.exe";
    assertEquals(url, TextNormaliser.singleLine(url));
    assertTrue(ReportUrl.hasInvisible(url));
  }

  @Test
  void printableAsciiShortcut_givesWhatCleaningEveryCharacterGives() {
    String alphabet = " ~azAZ09+/%.\t\r\n\u0000\u007f\u0085\u00a0\u00e9e\u0301\u200e\u202e\ud83d\ude00\ud800\ue000";
    java.util.Random random = new java.util.Random(7);
    StringBuilder every = new StringBuilder();
    for (char c = ' '; c <= '~'; c++) {
      every.append(c);
    }
    java.util.List<String> inputs = new java.util.ArrayList<>(java.util.List.of(every.toString(), "  padded  ", ""));
    for (int i = 0; i < 5_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      inputs.add(s.toString());
    }
    int shortcuts = 0;
    for (String input : inputs) {
      shortcuts += TextNormaliser.isPrintableAscii(input) ? 1 : 0;
      for (boolean keepNewlines : new boolean[] {true, false}) {
        assertEquals(TextNormaliser.cleanEveryCharacter(input, keepNewlines), TextNormaliser.clean(input, keepNewlines),
            () -> "input " + input.codePoints().mapToObj(Integer::toHexString).toList());
      }
    }
    assertTrue(shortcuts > 100, "the shortcut was taken " + shortcuts + " times");
  }

  /** The printable-ASCII shortcut of firstRefused refuses exactly what the rule refuses, for every code point. */
  @Test
  void firstRefused_agreesWithIsAllowedInText_forEveryCodePoint() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean allowed = TextNormaliser.isAllowedInText(cp) || cp == '\r' || cp == '\t';
      assertEquals(allowed ? -1 : 1, TextNormaliser.firstRefused("a" + Character.toString(cp)), "U+" + Integer.toHexString(cp));
    }
  }

  @Test
  void nullBecomesEmpty() {
    assertEquals("", TextNormaliser.multiLine(null));
  }
}
