// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.testing.Forms;
import org.hotlinerelay.relay.testing.RawHttp;
import org.hotlinerelay.relay.testing.RawHttp.Response;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report from a partner's form is answered with the partner's pages, from the same portals file
 * the partner's bundle is built from: its name, accent colour, languages and links on the
 * thank-you page, the 422 and the 503, so the reporter never lands on someone else's page.
 */
class PartnerPagesTest {
  static final String PORTALS = """
      {"portals": [{"id": "partner-x", "displayName": "Association Exemple", "languages": ["fr", "en"],
        "relayUrl": "https://relay.example.org/", "accentColour": "#7a1f5c",
        "legalUrl": "https://partner.example/mentions", "contactUrl": "https://partner.example/contact"}]}
      """;

  @TempDir Path dir;

  private RelayFixture start(java.util.function.Consumer<org.hotlinerelay.relay.RelayConfig.Builder> more) throws Exception {
    Path portals = Files.writeString(dir.resolve("portals.json"), PORTALS);
    return RelayFixture.start(dir, b -> more.accept(b.allowedPortals(java.util.Set.of("default")).portalsFile(portals)));
  }

  private static String form(String portal, String lang, String url) {
    return Forms.encode(List.of(Map.entry("portal", portal), Map.entry("lang", lang),
        Map.entry("url", url), Map.entry("kind", "images")));
  }

  @Test
  void frenchPartnerForm_thanksPage_carriesThePartnersNameColourAndLinks() throws Exception {
    try (RelayFixture relay = start(b -> { })) {
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED,
          form("partner-x", "fr", "https://example.com/a")));
      assertEquals(303, r.status());
      assertEquals("p/partner-x/fr/thanks", r.header("Location"));
      String thanks = RawHttp.send(relay.port(), RawHttp.get("/p/partner-x/fr/thanks")).text();
      assertTrue(thanks.contains("<p class=\"portal\">Association Exemple</p>"), thanks);
      assertTrue(thanks.contains("<html lang=\"fr\""));
      assertTrue(thanks.contains("href=\"https://partner.example/mentions\""), "the partner's legal link");
      assertTrue(thanks.contains("<link rel=\"stylesheet\" href=\"../assets/site.css\">"), "the partner's stylesheet");
      assertFalse(thanks.contains("Hotline Relay"), "not the relay's name");
      String css = RawHttp.send(relay.port(), RawHttp.get("/p/partner-x/assets/site.css")).text();
      assertTrue(css.contains("--accent:#7a1f5c;"), "the partner's colour");
      assertTrue(thanks.contains("href=\"../en/\"") && !thanks.contains("href=\"../es/\""), "the partner's languages only");
      assertEquals(1, relay.openAll().size());
      assertEquals("partner-x", relay.openAll().get(0).portal());
    }
  }

  @Test
  void frenchPartnerForm_422_isThePartnersPage_andPostsBackToTheRelay() throws Exception {
    try (RelayFixture relay = start(b -> { })) {
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form("partner-x", "fr", "pas une adresse")));
      assertEquals(422, r.status());
      String page = r.text();
      assertTrue(page.contains("<p class=\"portal\">Association Exemple</p>"), page);
      assertTrue(page.contains("<html lang=\"fr\""));
      assertTrue(page.contains("href=\"p/partner-x/assets/site.css\""), "the partner's colour");
      assertTrue(page.contains("action=\"p/partner-x/report\""));
      assertTrue(page.contains("name=\"portal\" value=\"partner-x\""));
      // Corrected and sent again from the 422 page's own address.
      Response again = RawHttp.send(relay.port(), RawHttp.post("/p/partner-x/report", Forms.URLENCODED,
          form("partner-x", "fr", "https://example.com/a")));
      assertEquals(303, again.status());
      assertEquals("../../p/partner-x/fr/thanks", again.header("Location"));
    }
  }

  @Test
  void partnerReport_whenTheSpoolIsFull_gets503OnThePartnersPage() throws Exception {
    try (RelayFixture relay = start(b -> b.quota(new Quota(1, 1)))) {
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form("partner-x", "fr", "https://example.com/a")));
      assertEquals(503, r.status());
      assertTrue(r.text().contains("<p class=\"portal\">Association Exemple</p>"), r.text());
      assertTrue(r.text().contains("<html lang=\"fr\""));
      assertTrue(r.text().contains("href=\"p/partner-x/assets/site.css\""));
    }
  }

  /**
   * A relay started with only the portals file ({@code --portals portals.json}, as a partner's
   * relay is) does not take its own portal's reports, so its own form at {@code /} would be
   * refused: the onion address shows the file's first portal instead (first in the file, whatever
   * its id), whose reports it takes.
   */
  @Test
  void startedWithOnlyThePortalsFile_rootIsThePartnersForm_andItsReportIsTaken() throws Exception {
    String second = ", {\"id\": \"another\", \"displayName\": \"Another\", \"languages\": [\"en\"],"
        + " \"relayUrl\": \"https://relay.example.org/\", \"accentColour\": \"#000000\"}]}";
    Path portals = Files.writeString(dir.resolve("portals.json"), PORTALS.strip().replaceFirst("]}$", second));
    try (RelayFixture relay = RelayFixture.start(dir, b -> b.allowedPortals(java.util.Set.of()).portalsFile(portals))) {
      String root = RawHttp.send(relay.port(), RawHttp.get("/")).text();
      assertTrue(root.contains("<p class=\"portal\">Association Exemple</p>"), root);
      assertTrue(root.contains("<html lang=\"fr\""));
      assertTrue(root.contains("name=\"portal\" value=\"partner-x\""));
      assertTrue(root.contains("action=\"report\""));
      assertFalse(root.contains("Hotline Relay"), "not the relay's own portal, whose reports it refuses");
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form("partner-x", "fr", "https://example.com/a")));
      assertEquals(303, r.status(), r.text());
      assertEquals("p/partner-x/fr/thanks", r.header("Location"));
      assertTrue(RawHttp.send(relay.port(), RawHttp.get("/en/")).text().contains("<html lang=\"en\""));
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/es/")).status(), "not one of the partner's languages");
      assertTrue(RawHttp.send(relay.port(), RawHttp.get("/nothing")).text().contains("Association Exemple"), "its error pages too");
      assertEquals(422, RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form("default", "fr", "https://example.com/a"))).status());
      assertEquals(1, relay.openAll().size());
    }
  }

  @Test
  void partnersFolderWithoutItsSlash_redirectsToIt_asALanguageFolderDoes() throws Exception {
    try (RelayFixture relay = start(b -> { })) {
      Response r = RawHttp.send(relay.port(), RawHttp.get("/p/partner-x"));
      assertEquals(303, r.status());
      assertEquals("partner-x/", r.header("Location"));
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/p/unknown")).status());
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/p/")).status());
    }
  }

  @Test
  void relaysOwnForm_isStillTheRelays() throws Exception {
    try (RelayFixture relay = start(b -> { })) {
      Response r = RawHttp.send(relay.port(), RawHttp.post("/report", Forms.URLENCODED, form("default", "fr", "https://example.com/a")));
      assertEquals("fr/thanks", r.header("Location"));
      assertTrue(RawHttp.send(relay.port(), RawHttp.get("/fr/thanks")).text().contains("Hotline Relay"));
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/p/unknown/fr/thanks")).status());
      assertEquals(404, RawHttp.send(relay.port(), RawHttp.get("/p/partner-x/es/")).status(), "not one of its languages");
    }
  }
}
