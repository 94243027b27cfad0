package org.hotlinerelay.hotline.inbox;

/**
 * Report text made safe to print on a terminal: a report is written by a stranger, and control
 * characters (escape sequences) or bidirectional overrides could rewrite the screen or disguise an
 * address. Each such character becomes {@code U+FFFD}; line breaks are kept only where asked.
 */
final class TerminalText {
  private TerminalText() {}

  static String line(String text) {
    return clean(text, false);
  }

  static String block(String text) {
    return clean(text, true);
  }

  private static String clean(String text, boolean keepNewlines) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' && keepNewlines) {
        out.append('\n');
      } else if (Character.isISOControl(c) || isBidiControl(c) || c == '\u2028' || c == '\u2029') {
        out.append('\uFFFD');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
        || c == 0x061C;
  }
}
