// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import java.util.Locale;
import org.hotlinerelay.hotline.inbox.Defang;

/**
 * Report text made safe to look at in the workstation's pages. A report is written by a stranger:
 * characters that are invisible or reorder text (bidi overrides like U+202E, zero-width spaces,
 * control characters, unusual spaces) could hide or disguise an address, so each is shown as its
 * code point, {@code <U+202E>}. HTML escaping is the templates' (every value is escaped; none is
 * inserted raw). Addresses are also defanged ({@code hxxps://example[.]com}, and
 * {@code example[.]com/page} for one typed without its scheme) so none is a link, and so is any
 * address inside the app or account a report names ({@code WebTextTest}).
 */
final class WebText {
  private WebText() {}

  /** One line: line breaks are shown as code points too. */
  static String line(String text) {
    return visible(text, false);
  }

  /** A block of free text: line breaks kept, addresses defanged. */
  static String block(String text) {
    return visible(Defang.text(text), true);
  }

  /** A reported address, with or without its scheme: defanged and made visible. */
  static String address(String typed) {
    return visible(Defang.address(typed), false);
  }

  /** An app or an account, group or post in it (one line): any address in it defanged, made visible. */
  static String app(String typed) {
    return visible(Defang.text(typed), false);
  }

  static String visible(String text, boolean keepNewlines) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' && keepNewlines) {
        out.append('\n');
      } else if (hidden(c)) {
        out.append("<U+").append(String.format(Locale.ROOT, "%04X", c)).append('>');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Control, format (bidi, zero-width), separator characters, spaces other than U+0020, and fillers. */
  static boolean hidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || (type == Character.SPACE_SEPARATOR && c != ' ')
        || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE
        || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800
        || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }
}
