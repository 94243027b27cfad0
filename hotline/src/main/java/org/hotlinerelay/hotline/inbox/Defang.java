// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.ReportUrl;

/**
 * Makes reported addresses unclickable, so that nothing opens one by accident: {@code https://}
 * becomes {@code hxxps://} and every dot of the host becomes {@code [.]}
 * ({@code hxxps://example[.]com/a}); an address typed without its scheme gets the dots of its
 * host bracketed ({@link #address}). Paths and queries are kept as they are. Free text is
 * defanged wherever it holds an http(s) address.
 */
public final class Defang {
  private static final Pattern ADDRESS = Pattern.compile("(?i)\\b(h)tt(ps?)://([^/?#\\s]*)");

  private Defang() {}

  /**
   * One reported address, with or without its scheme: {@code example.com/page} (as a reporter may
   * type it) becomes {@code example[.]com/page}, just as {@code https://example.com/page} becomes
   * {@code hxxps://example[.]com/page}.
   */
  public static String address(String url) {
    if (ReportUrl.hasScheme(url)) {
      return text(url);
    }
    int end = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return url.substring(0, end).replace(".", "[.]") + url.substring(end);
  }

  /** One address or any text containing addresses. */
  public static String text(String text) {
    Matcher m = ADDRESS.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    while (m.find()) {
      String scheme = m.group(1) + "xx" + m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(scheme + "://" + m.group(3).replace(".", "[.]")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
