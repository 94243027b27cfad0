package org.hotlinerelay.protocol.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for a reported web address: an absolute {@code http} or {@code https} URL with a host
 * (an {@code .onion} host is fine), or the same without its scheme, as people copy it from a chat
 * or write it down ({@code example.com/page}, {@code www.example.com}). The address is kept exactly
 * as typed; one without a scheme is checked as if it began with {@code http://}. Any other scheme
 * ({@code javascript:}, {@code mailto:}, {@code ftp://}) is refused. Nothing is fetched or
 * resolved: the relay never contacts a reported address.
 */
public final class ReportUrl {
  /** A scheme: letters, then letters, digits, {@code + . -}, then ":" not followed by a port. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])");

  private ReportUrl() {}

  /** True when {@code url} (already normalised) is an acceptable address to report. */
  public static boolean isAcceptable(String url) {
    if (url == null || url.isEmpty() || url.codePointCount(0, url.length()) > Limits.URL_MAX) {
      return false;
    }
    if (url.chars().anyMatch(Character::isWhitespace)) {
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
