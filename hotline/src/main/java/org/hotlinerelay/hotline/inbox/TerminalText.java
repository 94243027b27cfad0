// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.util.Locale;

/**
 * Report text made safe and honest to print on a terminal: a report is written by a stranger, and
 * control characters (escape sequences), bidirectional embeddings, overrides and isolates, or
 * invisible characters could rewrite the screen or disguise an address. Each such character is
 * shown as its code point, {@code <U+202E>}, so the analyst sees what was really sent and the
 * terminal obeys none of them. Line breaks are kept only where asked.
 *
 * <p>In free text ({@link #line}, {@link #block}) the zero-width joiner and non-joiner are printed
 * as they are: they shape Arabic, Persian and emoji text and cannot reorder it. In addresses
 * ({@link #address}) every invisible character is shown, those two included: a reported address
 * never holds one (the relay refuses it), so one in an inbox is worth seeing.
 */
final class TerminalText {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  private TerminalText() {}

  static String line(String text) {
    return clean(text, false, false);
  }

  static String block(String text) {
    return clean(text, true, false);
  }

  static String address(String text) {
    return clean(text, false, true);
  }

  private static String clean(String text, boolean keepNewlines, boolean address) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' && keepNewlines) {
        out.append('\n');
      } else if (isShownAsCodePoint(c) && (address || (c != ZWNJ && c != ZWJ))) {
        out.append("<U+").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('>');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Controls, format characters (bidi marks and controls, zero-width ones), separators, default-ignorables. */
  static boolean isShownAsCodePoint(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x3164 || c == 0xFFA0
        || (c >= 0x180B && c <= 0x180F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0000 && c <= 0xE0FFF)
        || (c >= 0x2060 && c <= 0x206F) || (c >= 0xFFF0 && c <= 0xFFF8);
  }
}
