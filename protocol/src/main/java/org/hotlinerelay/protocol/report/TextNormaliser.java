package org.hotlinerelay.protocol.report;

import java.text.Normalizer;

/**
 * Cleans reporter text: Unicode NFC, control and format characters removed (they can hide or
 * reorder text for the analyst who reads it), leading and trailing white space trimmed. Line
 * breaks are kept in multi-line fields and turned into spaces in single-line ones.
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
      // Nothing to drop, turn or compose: printable ASCII is its own NFC. Addresses always are,
      // much text is, and each field is cleaned twice (here and when the Report checks it).
      return raw.strip();
    }
    return cleanEveryCharacter(raw, keepNewlines);
  }

  /** True when {@code value} is what {@link #clean} would make of it. */
  static boolean isClean(String value, boolean keepNewlines) {
    return value.equals(clean(value, keepNewlines));
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
    String unified = raw.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(unified.length());
    unified.codePoints().forEach(cp -> {
      if (cp == '\n') {
        out.append(keepNewlines ? '\n' : ' ');
      } else if (cp == '\t') {
        out.append(' ');
      } else if (!isDropped(cp)) {
        out.appendCodePoint(cp);
      }
    });
    return Normalizer.normalize(out.toString().strip(), Normalizer.Form.NFC);
  }

  private static boolean isDropped(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }
}
