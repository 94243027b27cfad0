// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules for the addresses a portal configuration may hold. A report must never travel in clear
 * text over the internet, so the relay URL is {@code https}, or {@code http} only to an onion
 * service (Tor encrypts it) or to this machine (tests, the demo).
 */
final class Links {
  private Links() {}

  /** The relay's base URL, normalised to end with "/", or empty when it is not acceptable. */
  static Optional<String> relayBase(String url) {
    Optional<URI> uri = parse(url);
    if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null
        || uri.get().getRawUserInfo() != null) {
      return Optional.empty();
    }
    String scheme = uri.get().getScheme().toLowerCase(Locale.ROOT);
    String host = uri.get().getHost().toLowerCase(Locale.ROOT);
    boolean ok = scheme.equals("https")
        || scheme.equals("http") && (host.endsWith(".onion") || isLoopback(host));
    if (!ok) {
      return Optional.empty();
    }
    String s = uri.get().toString();
    return Optional.of(s.endsWith("/") ? s : s + "/");
  }

  /** A link shown in the footer: {@code https}, or {@code http} to an onion service; or empty. */
  static boolean isAcceptablePageLink(String url) {
    if (url.isEmpty()) {
      return true;
    }
    Optional<URI> uri = parse(url);
    if (uri.isEmpty()) {
      return false;
    }
    String scheme = uri.get().getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https")
        || scheme.equals("http") && uri.get().getHost().toLowerCase(Locale.ROOT).endsWith(".onion");
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
  }

  private static Optional<URI> parse(String url) {
    if (url == null || url.isEmpty() || url.length() > 300 || url.chars().anyMatch(c -> c <= ' ')) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      return uri.isAbsolute() && uri.getScheme() != null && uri.getHost() != null
          ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
