package org.hotlinerelay.protocol.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rule for a reported web address: an absolute {@code http} or {@code https} URL with a host
 * (an {@code .onion} host is fine). Nothing is fetched or resolved: the relay never contacts a
 * reported address.
 */
public final class ReportUrl {
  private ReportUrl() {}

  /** True when {@code url} (already normalised) is an acceptable address to report. */
  public static boolean isAcceptable(String url) {
    if (url == null || url.isEmpty() || url.codePointCount(0, url.length()) > Limits.URL_MAX) {
      return false;
    }
    if (url.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
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
