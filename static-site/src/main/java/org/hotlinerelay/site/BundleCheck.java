// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a deployed copy of a partner bundle against what {@code site build} makes for that portal
 * from the portals file today. Per file: the SHA-256 digest matches the built file; every form
 * posts to {@code <relay>report} for a relay of the portals file and no button overrides it; the
 * Content-Security-Policy meta is there and equals the built one; there is no script, event
 * handler or {@code javascript:} URL; and, when served over HTTP, the headers the operator's guide
 * asks partners to send ({@link #HEADERS}). A compromised or careless host that makes the page
 * post elsewhere, adds a script or drops the policy is named, one finding per line
 * ({@code BundleCheckTest}).
 */
final class BundleCheck {
  /** Header → what its value must contain, for every HTML file; nosniff for every file. */
  static final Map<String, String> HEADERS = Map.of(
      "referrer-policy", "no-referrer",
      "content-security-policy", "frame-ancestors 'none'");
  static final String NOSNIFF = "x-content-type-options";

  private static final Pattern ACTION = Pattern.compile("<form\\b[^>]*?\\saction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FORM = Pattern.compile("<form\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern CSP_META = Pattern.compile(
      "<meta\\s+http-equiv=\"Content-Security-Policy\"\\s+content=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCRIPT = Pattern.compile(
      "<script\\b|<[^>]*\\son[a-z]+\\s*=|javascript:|\\sformaction\\s*=", Pattern.CASE_INSENSITIVE);

  /** One problem with one file: {@code path: what}. */
  record Finding(String path, String what) {
    @Override
    public String toString() {
      return path + ": " + what;
    }
  }

  private final Map<String, String> built;
  private final Set<String> relayActions = new TreeSet<>();

  /**
   * @param portal the portal as the portals file has it
   * @param portals every portal of the file: their relays are the hotline's relays
   */
  BundleCheck(Site site, Portal portal, PortalsFile portals) {
    this.built = new Bundle(site, portal).files();
    for (String id : portals.ids()) {
      String relay = portals.get(id).relayUrl();
      if (!relay.isEmpty()) {
        relayActions.add(relay + "report");
      }
    }
  }

  /** The bundle's paths, in {@code site build}'s order. */
  Set<String> paths() {
    return built.keySet();
  }

  /** Every finding for the copy at {@code source}; empty when it is exactly what is built. */
  List<Finding> check(BundleSource source) throws InterruptedException {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, String> file : built.entrySet()) {
      String path = file.getKey();
      BundleSource.Fetched got;
      try {
        got = source.fetch(path);
      } catch (IOException e) {
        findings.add(new Finding(path, "cannot be read (" + e.getClass().getSimpleName() + ")"));
        continue;
      }
      if (got.status() != 200) {
        findings.add(new Finding(path, "missing (HTTP " + got.status() + ")"));
        continue;
      }
      byte[] expected = file.getValue().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(sha256(expected), sha256(got.body()))) {
        findings.add(new Finding(path, "differs from what 'site build' makes (sha256 " + hex(got.body())
            + ", expected " + hex(expected) + ")"));
      }
      boolean html = path.endsWith(".html");
      if (html) {
        checkPage(path, new String(got.body(), StandardCharsets.UTF_8), file.getValue(), findings);
      }
      if (source.hasHeaders()) {
        checkHeaders(path, html, got, findings);
      }
    }
    return findings;
  }

  private void checkPage(String path, String page, String builtPage, List<Finding> findings) {
    Matcher forms = FORM.matcher(page);
    int count = 0;
    while (forms.find()) {
      count++;
    }
    Matcher action = ACTION.matcher(page);
    int withAction = 0;
    while (action.find()) {
      withAction++;
      String to = action.group(1).replace("&amp;", "&");
      if (!relayActions.contains(to)) {
        findings.add(new Finding(path, "a form posts to " + printable(to) + ", not to one of the hotline's relays "
            + relayActions));
      }
    }
    if (withAction < count) {
      findings.add(new Finding(path, "a form has no action: it would post to the partner's own site"));
    }
    if (SCRIPT.matcher(page).find()) {
      findings.add(new Finding(path, "has a script, an event handler, a javascript: URL or a formaction (no script allowed)"));
    }
    String csp = meta(page);
    if (csp == null) {
      findings.add(new Finding(path, "has no Content-Security-Policy meta"));
    } else if (!csp.equals(meta(builtPage))) {
      findings.add(new Finding(path, "Content-Security-Policy meta differs from the built one"));
    }
  }

  private static void checkHeaders(String path, boolean html, BundleSource.Fetched got, List<Finding> findings) {
    String nosniff = got.header(NOSNIFF);
    if (nosniff == null || !nosniff.toLowerCase(Locale.ROOT).contains("nosniff")) {
      findings.add(new Finding(path, "header X-Content-Type-Options: nosniff is not sent"));
    }
    if (html) {
      HEADERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(h -> {
        String value = got.header(h.getKey());
        if (value == null || !value.toLowerCase(Locale.ROOT).contains(h.getValue())) {
          findings.add(new Finding(path, "header " + (h.getKey().equals("referrer-policy") ? "Referrer-Policy" : "Content-Security-Policy")
              + " with " + h.getValue() + " is not sent"));
        }
      });
    }
  }

  private static String meta(String page) {
    Matcher m = CSP_META.matcher(page);
    return m.find() ? m.group(1).replace("&#39;", "'").replace("&amp;", "&") : null;
  }

  /** An address from the checked page, shortened and without control characters, for one output line. */
  private static String printable(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes)).substring(0, 16);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
