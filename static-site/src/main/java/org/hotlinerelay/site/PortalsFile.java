// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partner portals configuration: a JSON file listing each portal's id, display name,
 * languages, relay URL, accent colour and legal/contact links. Checked as a whole when loaded;
 * anything wrong is refused with a message naming the portal and the setting (never echoing a
 * value). An accent colour must give white text at least 4.5:1 contrast (WCAG 2.2 AA), because
 * the banner and the button put white text on it.
 *
 * <pre>{@code
 * {"portals": [{"id": "example", "displayName": "Example Hotline", "languages": ["en", "fr"],
 *   "relayUrl": "https://relay.example.org/", "accentColour": "#1d4f91",
 *   "legalUrl": "https://example.org/legal", "contactUrl": "https://example.org/contact"}]}
 * }</pre>
 */
public final class PortalsFile {
  private final Map<String, Portal> portals;

  private PortalsFile(Map<String, Portal> portals) {
    this.portals = portals;
  }

  /** Reads and checks a portals file; throws {@link IllegalArgumentException} with a fixed message. */
  public static PortalsFile read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** Parses and checks portals JSON. */
  public static PortalsFile parse(String json) {
    Document doc;
    try {
      doc = new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(json, Document.class);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the file; say where only.
      throw new IllegalArgumentException("portals file is not valid: expected {\"portals\": [...]} with"
          + " id, displayName, languages, relayUrl, accentColour, legalUrl, contactUrl (line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    }
    if (doc == null || doc.portals() == null || doc.portals().isEmpty()) {
      throw new IllegalArgumentException("portals file lists no portals");
    }
    Map<String, Portal> portals = new LinkedHashMap<>();
    for (Entry e : doc.portals()) {
      Portal p = e.toPortal();
      if (portals.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("portal id '" + p.id() + "' appears twice");
      }
    }
    return new PortalsFile(Collections.unmodifiableMap(portals));
  }

  /** The portal with this id, or null. */
  public Portal get(String id) {
    return portals.get(id);
  }

  /** The portals' ids, in the file's order. */
  public Set<String> ids() {
    return portals.keySet();
  }

  /** Checks one portal beyond what {@link Portal} itself checks: languages, links, contrast. */
  static void check(Portal p) {
    Set<String> seen = new HashSet<>();
    for (String lang : p.languages()) {
      if (!Languages.ALL.contains(lang) || !seen.add(lang)) {
        throw new IllegalArgumentException("portal '" + p.id() + "': languages must be distinct, from "
            + String.join(",", Languages.ALL));
      }
    }
    if (!p.relayUrl().isEmpty() && Links.relayBase(p.relayUrl()).isEmpty()) {
      throw new IllegalArgumentException("portal '" + p.id() + "': relayUrl must be https://… (or http:// to"
          + " an .onion or loopback address), without query or fragment");
    }
    if (!Links.isAcceptablePageLink(p.legalUrl()) || !Links.isAcceptablePageLink(p.contactUrl())) {
      throw new IllegalArgumentException("portal '" + p.id() + "': legalUrl and contactUrl must be https://…"
          + " (or http:// to an .onion address) or empty");
    }
    if (Contrast.ratio(p.accentColour(), "#ffffff") < Contrast.AA_TEXT) {
      throw new IllegalArgumentException("portal '" + p.id() + "': accentColour is too light: white text on it"
          + " needs a contrast of at least 4.5:1");
    }
    if (p.displayName().isBlank() || p.displayName().length() > 80) {
      throw new IllegalArgumentException("portal '" + p.id() + "': displayName must be 1-80 characters");
    }
  }

  record Document(List<Entry> portals) {}

  record Entry(String id, String displayName, List<String> languages, String relayUrl,
      String accentColour, String legalUrl, String contactUrl) {
    Portal toPortal() {
      Portal p;
      try {
        p = new Portal(id, displayName == null ? "" : displayName.strip(), languages,
            relayUrl == null || relayUrl.isEmpty() ? "" : Links.relayBase(relayUrl).orElse(relayUrl),
            accentColour, legalUrl, contactUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("portal " + (id != null && id.matches("[a-z0-9-]{1,40}") ? "'" + id + "'" : "entry")
            + ": " + e.getMessage(), e);
      }
      check(p);
      return p;
    }
  }
}
