// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hotlinerelay.protocol.report.ReportUrl;

/**
 * The form of a reported address used for matching ("seen before", duplicate groups), never for
 * display or export: the report keeps the address exactly as typed, as evidence. The rules, in
 * order ({@code UrlKeyTest} holds a table of cases):
 *
 * <ol>
 *   <li>an address typed without its scheme ({@code example.com/page}, {@code www.example.com})
 *       is read as if it began with {@code http://}, as the relay checks it;
 *   <li>the scheme is lower-cased;
 *   <li>the host is lower-cased, an internationalised host becomes its punycode (IDNA ASCII) form,
 *       and a trailing dot is dropped;
 *   <li>the port is dropped when it is the scheme's default (80 for http, 443 for https);
 *   <li>an empty path becomes {@code /}; the path is otherwise kept byte for byte (case and
 *       percent-encoding matter to many servers);
 *   <li>query parameters named {@code utm_*}, {@code fbclid}, {@code gclid}, {@code dclid},
 *       {@code msclkid} (tracking, not content) are removed, the others kept in order; an empty
 *       query is dropped;
 *   <li>the fragment is dropped (it never reaches the server).
 * </ol>
 *
 * User information before {@code @} is kept. An address that does not parse (the relay accepts
 * none such) is matched as typed, lower-cased.
 *
 * @param url the normalised address
 * @param host its host, normalised as above
 */
public record UrlKey(String url, String host) {
  private static final List<String> TRACKING = List.of("fbclid", "gclid", "dclid", "msclkid");

  public static UrlKey of(String typed) {
    String trimmed = typed.strip();
    try {
      URI uri = new URI(ReportUrl.hasScheme(trimmed) ? trimmed : "http://" + trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
      String userInfo = "";
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        userInfo = authority.substring(0, at + 1);
        authority = authority.substring(at + 1);
      }
      String host = authority;
      String port = "";
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && authority.indexOf(']') < colon) {
        host = authority.substring(0, colon);
        port = authority.substring(colon + 1);
      }
      host = asciiHost(host);
      if (port.isEmpty() || (scheme.equals("http") && port.equals("80")) || (scheme.equals("https") && port.equals("443"))) {
        port = "";
      } else {
        port = ":" + port;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = query(uri.getRawQuery());
      return new UrlKey(scheme + "://" + userInfo + host + port + path + query, host);
    } catch (URISyntaxException | IllegalArgumentException e) {
      String lower = trimmed.toLowerCase(Locale.ROOT);
      return new UrlKey(lower, lower);
    }
  }

  private static String asciiHost(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.startsWith("[")) {
      return h.toLowerCase(Locale.ROOT);
    }
    return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
  }

  private static String query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String part : raw.split("&")) {
      String name = part.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (part.isEmpty() || name.startsWith("utm_") || TRACKING.contains(name)) {
        continue;
      }
      kept.add(part);
    }
    return kept.isEmpty() ? "" : "?" + String.join("&", kept);
  }
}
