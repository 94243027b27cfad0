// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The rule for a reported web address: an absolute {@code http} or {@code https} URL with a host
 * (an {@code .onion} host is fine), or the same without its scheme, as people copy it from a chat
 * or write it down ({@code example.com/page}, {@code www.example.com}). The address is kept exactly
 * as typed; one without a scheme is checked as if it began with {@code http://}. Any other scheme
 * ({@code javascript:}, {@code mailto:}, {@code ftp://}) is refused, and so is an address holding an
 * invisible character ({@link #hasInvisible}). Nothing is fetched or
 * resolved: the relay never contacts a reported address.
 */
public final class ReportUrl {
  /** A scheme: letters, then letters, digits, {@code + . -}, then ":" not followed by a port. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])");

  private ReportUrl() {}

  /**
   * True when {@code url} holds a character that shows nothing or reorders what is shown: a
   * control or format character (zero-width spaces and joiners, bidirectional marks, embeddings,
   * overrides and isolates, the soft hyphen, tags), a line or paragraph separator, a variation
   * selector or another default-ignorable code point. In an address such a character makes it
   * read as another address ({@code https://e\u200b.com/\u202egpj.exe}); the relay refuses the
   * address and says why, it never removes the character.
   */
  public static boolean hasInvisible(String url) {
    return anyCodePoint(url, ReportUrl::isInvisible);
  }

  /** True when a code point of {@code s} is one {@code test} accepts; one pass, nothing allocated. */
  private static boolean anyCodePoint(String s, IntPredicate test) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (test.test(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164 || cp == 0xFFA0
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0000 && cp <= 0xE0FFF)
        || (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFFF0 && cp <= 0xFFF8);
  }

  /** True when {@code url} (already normalised) is an acceptable address to report. */
  public static boolean isAcceptable(String url) {
    if (url == null || url.isEmpty() || url.length() > Limits.URL_MAX) {
      return false;
    }
    if (anyCodePoint(url, cp -> Character.isWhitespace(cp) || isInvisible(cp))) {
      return false;
    }
    return hasScheme(url) ? isAbsolute(url) : !url.startsWith("/") && isAbsolute("http://" + url);
  }

  /** True when the address names its scheme ({@code https://…}); false for {@code example.com/page}. */
  public static boolean hasScheme(String url) {
    return SCHEME.matcher(url).find();
  }

  private static boolean isAbsolute(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null) {
        return false;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return false;
      }
      String host = uri.getHost();
      if (host == null) {
        // java.net.URI leaves non-ASCII (IDN) hosts in the authority only.
        String authority = uri.getRawAuthority();
        return authority != null && authority.contains(".") && !authority.startsWith("@");
      }
      return host.contains(".") && !host.startsWith(".") && !host.endsWith("..");
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
