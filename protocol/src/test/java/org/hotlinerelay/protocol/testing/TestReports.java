// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportUrl;
import org.hotlinerelay.protocol.report.TextNormaliser;

/** Sample reports for tests. */
public final class TestReports {
  private TestReports() {}

  /** The smallest valid report: one short URL, nothing optional. */
  public static Report minimal() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/a"), ContentKind.IMAGES, "", "", "", null, null);
  }

  /** A report from an app: no web address, the app and the account instead. */
  public static Report inApp() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en", List.of(), ContentKind.VIDEOS,
        "", "", "", null, new InApp("Telegram", "@example_channel"));
  }

  /** A typical report with every field filled. */
  public static Report typical() {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "fr",
        List.of("https://example.com/gallery?id=42", "http://exampleabcdefghijklmnop.onion/x"),
        ContentKind.BOTH, "Third image in the second row", "A link in a forum post",
        "The page also links to other galleries.",
        new Contact("A. Reporter", "reporter@example.org", "+44 20 0000 0000"), null);
  }

  /** {@link #minimal()} with these details (already clean). */
  public static Report withDetails(String details) {
    return new Report(Ids.random(), "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/a"), ContentKind.IMAGES, "", "", details, null, null);
  }

  /**
   * The largest report the limits allow, in the worst-case encoding: every free-text unit is a
   * three-byte character of the Basic Multilingual Plane (U+4E00).
   */
  public static Report maximal() {
    int cjk = 0x4E00;
    return maximalFrom(() -> cjk);
  }

  /** Every field at its limit in one-byte characters: the JSON the other maxima are measured against. */
  public static Report maximalAscii() {
    return maximalFrom(() -> 'a');
  }

  /**
   * Every field at its limit, its code points drawn from {@code next} and cleaned as the form
   * cleans them. Addresses are {@code https://example.com/} followed by drawn code points that an
   * address may hold (ASCII letters, or anything non-ASCII that is neither white space nor invisible).
   */
  public static Report maximalFrom(IntSupplier next) {
    String prefix = "https://example.com/";
    IntSupplier urlPoint = () -> {
      int cp;
      do {
        cp = next.getAsInt();
      } while (!(cp >= 'a' && cp <= 'z') && (cp < 0x80 || !ReportUrl.isAcceptable(prefix + Character.toString(cp))));
      return cp;
    };
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < Limits.MAX_URLS; i++) {
      urls.add(prefix + text(urlPoint, Limits.URL_MAX - prefix.length(), false));
    }
    return new Report(Ids.random(), "2026-11-28T16:00Z", "p".repeat(Limits.PORTAL_ID_MAX), "pt-BR",
        urls, ContentKind.OTHER, text(next, Limits.LOCATION_MAX, false), text(next, Limits.HOW_FOUND_MAX, true),
        text(next, Limits.DETAILS_MAX, true),
        new Contact(text(next, Limits.CONTACT_NAME_MAX, false), text(next, Limits.CONTACT_EMAIL_MAX, false),
            text(next, Limits.CONTACT_PHONE_MAX, false)),
        new InApp(text(next, Limits.APP_MAX, false), text(next, Limits.APP_IDENTIFIER_MAX, false)));
  }

  /**
   * Exactly {@code length} UTF-16 units of code points from {@code next}, as the form would clean
   * them. When one unit is left and {@code next} gives a character outside the Basic Multilingual
   * Plane, an {@code a} ends the text (every limit is even, so the planes' maxima never need it).
   */
  private static String text(IntSupplier next, int length, boolean multiLine) {
    String s = "";
    while (true) {
      StringBuilder b = new StringBuilder(s);
      while (b.length() < length) {
        int cp = next.getAsInt();
        b.appendCodePoint(b.length() + Character.charCount(cp) <= length ? cp : 'a');
      }
      String raw = b.toString();
      if (raw.length() > length) {
        // Cleaning made it longer: cut at the last whole code point within the limit.
        int end = length;
        if (Character.isLowSurrogate(raw.charAt(end))) {
          end--;
        }
        raw = raw.substring(0, end);
      }
      s = multiLine ? TextNormaliser.multiLine(raw) : TextNormaliser.singleLine(raw);
      if (s.length() == length && s.equals(multiLine ? TextNormaliser.multiLine(s)
          : TextNormaliser.singleLine(s))) {
        return s;
      }
    }
  }
}
