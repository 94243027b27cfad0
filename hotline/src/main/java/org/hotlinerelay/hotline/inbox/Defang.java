package org.hotlinerelay.hotline.inbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes reported addresses unclickable, so that nothing opens one by accident: {@code https://}
 * becomes {@code hxxps://} and every dot of the host becomes {@code [.]}
 * ({@code hxxps://example[.]com/a}). Paths and queries are kept as they are. Free text is
 * defanged wherever it holds an http(s) address.
 */
public final class Defang {
  private static final Pattern ADDRESS = Pattern.compile("(?i)\\b(h)tt(ps?)://([^/?#\\s]*)");

  private Defang() {}

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
