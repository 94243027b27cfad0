// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortalsFileTest {
  static final String GOOD = """
      {"portals": [
        {"id": "example", "displayName": "Example Hotline", "languages": ["fr", "en"],
         "relayUrl": "https://relay.example.org", "accentColour": "#1d4f91",
         "legalUrl": "https://example.org/legal", "contactUrl": "https://example.org/contact"},
        {"id": "onion", "displayName": "Onion", "languages": ["ar"],
         "relayUrl": "http://abcdefghijklmnop.onion/", "accentColour": "#000000",
         "legalUrl": "", "contactUrl": ""}
      ]}""";

  @Test
  void parse_readsEveryPortal_normalisingTheRelayUrl() {
    PortalsFile file = PortalsFile.parse(GOOD);
    Portal p = file.get("example");
    assertEquals("Example Hotline", p.displayName());
    assertEquals(List.of("fr", "en"), p.languages());
    assertEquals("fr", p.defaultLanguage());
    assertEquals("https://relay.example.org/", p.relayUrl());
    assertEquals("http://abcdefghijklmnop.onion/", file.get("onion").relayUrl());
    assertEquals(java.util.Set.of("example", "onion"), file.ids());
  }

  /** The relay serves the file's first portal at its root when it takes none of its own reports. */
  @Test
  void ids_areInTheFilesOrder() {
    List<String> ids = List.of("zulu", "mike", "alpha", "yankee", "bravo", "xray");
    String json = ids.stream().map(id -> "{\"id\": \"" + id + "\", \"displayName\": \"X\", \"languages\": [\"en\"],"
        + " \"relayUrl\": \"https://relay.example.org/\", \"accentColour\": \"#000000\"}")
        .collect(java.util.stream.Collectors.joining(",", "{\"portals\": [", "]}"));
    assertEquals(ids, List.copyOf(PortalsFile.parse(json).ids()));
  }

  @Test
  void parse_refusesClearTextRelayOnTheInternet() {
    assertRefused(GOOD.replace("https://relay.example.org", "http://relay.example.org"), "relayUrl");
  }

  @Test
  void parse_refusesAnAccentTooLightForWhiteText() {
    assertRefused(GOOD.replace("#1d4f91", "#ffdd00"), "contrast");
  }

  @Test
  void parse_refusesUnknownOrRepeatedLanguages() {
    assertRefused(GOOD.replace("[\"fr\", \"en\"]", "[\"fr\", \"de\"]"), "languages");
    assertRefused(GOOD.replace("[\"fr\", \"en\"]", "[\"fr\", \"fr\"]"), "languages");
    assertRefused(GOOD.replace("[\"fr\", \"en\"]", "[]"), "language");
  }

  @Test
  void parse_refusesScriptLinksAndUnknownSettings() {
    assertRefused(GOOD.replace("https://example.org/legal", "javascript:alert(1)"), "legalUrl");
    assertRefused(GOOD.replace("\"legalUrl\": \"\"", "\"legalUrl\": \"\", \"script\": \"x\""), "not valid");
  }

  @Test
  void parse_refusesBadIdsDuplicatesAndEmptyFiles() {
    assertRefused(GOOD.replace("\"id\": \"onion\"", "\"id\": \"example\""), "twice");
    assertRefused(GOOD.replace("\"id\": \"onion\"", "\"id\": \"Bad Id\""), "portal id");
    assertRefused("{\"portals\": []}", "no portals");
    assertRefused("not json", "not valid");
  }

  @Test
  void parse_errorMessagesNeverEchoValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PortalsFile.parse(GOOD.replace("https://example.org/legal", "https://secret.invalid/<x>").replace("https://", "ftp://")));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  private static void assertRefused(String json, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortalsFile.parse(json));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
