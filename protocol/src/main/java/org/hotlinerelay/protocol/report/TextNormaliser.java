// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.text.Normalizer;

/**
 * Cleans reporter text without changing what it says: Unicode NFC (a canonically equivalent
 * form), line breaks unified to {@code \n} (kept in multi-line fields, a space in single-line ones),
 * a tab made a space, leading and trailing white space trimmed. Nothing else is removed or
 * replaced: a report is evidence.
 *
 * <p>Zero-width joiners and non-joiners, the right-to-left and Arabic letter marks are ordinary in
 * Arabic and Persian text and stay. Bidirectional embeddings, overrides and isolates also stay in
 * free text, as typed: they are part of what was reported, and every staff display shows them as
 * visible code points ({@code <U+202E>}) instead of obeying them. Characters a report cannot hold
 * ({@link #isAllowedInText}: control characters other than the line break) are not removed here:
 * the form refuses the field with a 422 ({@code ReportForm}), and a {@link Report} holding one
 * cannot be built. Web addresses are stricter still ({@link ReportUrl#hasInvisible}).
 */
public final class TextNormaliser {
  private TextNormaliser() {}

  /** For one-line fields (addresses, names). */
  public static String singleLine(String raw) {
    return clean(raw, false);
  }

  /** For free-text fields, where the reporter may write several lines. */
  public static String multiLine(String raw) {
    return clean(raw, true);
  }

  static String clean(String raw, boolean keepNewlines) {
    if (raw == null) {
      return "";
    }
    if (isPrintableAscii(raw)) {
      // Nothing to turn or compose: printable ASCII is its own NFC. Addresses always are,
      // much text is, and each field is cleaned twice (here and when the Report checks it).
      return raw.strip();
    }
    return cleanEveryCharacter(raw, keepNewlines);
  }

  /**
   * True when {@code value} is what {@link #clean} would make of it and holds only characters a
   * report may hold.
   */
  static boolean isClean(String value, boolean keepNewlines) {
    return value.equals(clean(value, keepNewlines)) && firstRefused(value) < 0;
  }

  /**
   * True when a cleaned text field may hold {@code cp}: anything but a control character (C0, DEL,
   * C1) other than the line break, and a lone surrogate. A tab is cleaned into a space.
   */
  public static boolean isAllowedInText(int cp) {
    int type = Character.getType(cp);
    return cp == '\n' || (type != Character.CONTROL && type != Character.SURROGATE);
  }

  /** Index (in chars) of the first character of {@code text} a report may not hold, or -1. */
  public static int firstRefused(String text) {
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c >= ' ' && c <= '~') { // printable ASCII, most of every report: always allowed
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (!isAllowedInText(cp) && cp != '\r' && cp != '\t') {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** True when every character is printable ASCII (space to tilde): no line break, tab or control. */
  static boolean isPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** {@link #clean} without the printable-ASCII shortcut (tests compare the two). */
  static String cleanEveryCharacter(String raw, boolean keepNewlines) {
    String unified = raw.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
    if (!keepNewlines) {
      unified = unified.replace('\n', ' ');
    }
    return Normalizer.normalize(unified.strip(), Normalizer.Form.NFC);
  }
}
