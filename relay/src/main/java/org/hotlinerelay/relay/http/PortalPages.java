// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;

/**
 * One portal's pages as the relay serves them under {@code prefix} ({@code ""} for the relay's
 * own portal at {@code /}, {@code p/<id>/} for a partner's): the empty form and thank-you page per
 * language and the stylesheet with the portal's accent, rendered once. The portal is rendered with
 * relative URLs (no relay URL): on the relay, the policy comes as a header.
 */
final class PortalPages {
  final Portal portal;
  final String prefix;
  private final Map<String, byte[]> forms = new HashMap<>();
  private final Map<String, byte[]> thanks = new HashMap<>();
  private final byte[] rootForm;
  private final String stylesheet;

  PortalPages(Site site, Portal configured, String prefix) {
    this.portal = new Portal(configured.id(), configured.displayName(), configured.languages(), "",
        configured.accentColour(), configured.legalUrl(), configured.contactUrl());
    this.prefix = prefix;
    for (String lang : portal.languages()) {
      if (site.hasLanguage(lang)) {
        forms.put(lang, utf8(site.formPage(portal, lang, "../", FormValues.empty(), List.of())));
        thanks.put(lang, utf8(site.thanksPage(portal, lang, "../")));
      }
    }
    rootForm = utf8(site.formPage(portal, portal.defaultLanguage(), "", FormValues.empty(), List.of()));
    stylesheet = site.stylesheet(portal);
  }

  boolean hasLanguage(String lang) {
    return forms.containsKey(lang);
  }

  /** {@code lang} when this portal has pages in it, else the portal's default language. */
  String pageLanguage(String lang) {
    return hasLanguage(lang) ? lang : portal.defaultLanguage();
  }

  byte[] rootForm() {
    return rootForm;
  }

  byte[] form(String lang) {
    return forms.get(lang);
  }

  byte[] thanks(String lang) {
    return thanks.get(lang);
  }

  String stylesheet() {
    return stylesheet;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
