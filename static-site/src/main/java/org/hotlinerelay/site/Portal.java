// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A partner portal: who hosts the form, in which languages, and where it posts.
 *
 * @param id portal id (lower-case letters, digits, hyphens), sent with each report
 * @param displayName the partner's name as shown on the pages
 * @param languages language tags, the first being the default
 * @param relayUrl where the form posts: empty for the relay's own pages (relative URLs), or the
 *     relay's absolute base URL ({@code https://relay.example.org/}) for a bundle hosted elsewhere
 * @param accentColour a CSS hex colour ({@code #1d4f91}) for the partner's accent
 * @param legalUrl link to the partner's legal page, or empty
 * @param contactUrl link to the partner's contact page, or empty
 */
public record Portal(String id, String displayName, List<String> languages, String relayUrl,
    String accentColour, String legalUrl, String contactUrl) {
  private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,39})");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  public Portal {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("portal id must be 1-40 of [a-z0-9-]");
    }
    if (languages == null || languages.isEmpty()) {
      throw new IllegalArgumentException("portal needs at least one language");
    }
    languages = List.copyOf(languages);
    if (accentColour == null || !COLOUR.matcher(accentColour).matches()) {
      throw new IllegalArgumentException("accent colour must be #rrggbb");
    }
    relayUrl = relayUrl == null ? "" : relayUrl;
    legalUrl = legalUrl == null ? "" : legalUrl;
    contactUrl = contactUrl == null ? "" : contactUrl;
  }

  /** The portal a relay serves itself when none is configured. */
  public static Portal relayDefault(List<String> languages) {
    return new Portal("default", "Hotline Relay", languages, "", "#1d4f91", "", "");
  }

  public String defaultLanguage() {
    return languages.get(0);
  }
}
