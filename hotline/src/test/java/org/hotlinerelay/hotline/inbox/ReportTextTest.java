// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;

class ReportTextTest {
  @Test
  void defang_schemeAndHostDotsOnly() {
    assertEquals("hxxps://example[.]com/a.b?x=1.2", Defang.text("https://example.com/a.b?x=1.2"));
    assertEquals("hxxp://abc[.]onion/", Defang.text("http://abc.onion/"));
    assertEquals("HxxPS://Example[.]COM", Defang.text("HTTPS://Example.COM"));
    assertEquals("see hxxps://a[.]b/c and hxxp://d[.]e", Defang.text("see https://a.b/c and http://d.e"));
    assertEquals("no address here.", Defang.text("no address here."));
  }

  @Test
  void terminalText_showsEscapesAndBidiControlsAsCodePoints() {
    assertEquals("a<U+1B>[31mred<U+202E>", TerminalText.line("a\u001b[31mred\u202e"));
    assertEquals("one\ntwo", TerminalText.block("one\ntwo"));
    assertEquals("one<U+A>two", TerminalText.line("one\ntwo"));
    assertEquals("<U+2066>x<U+2069> <U+200F><U+61C><U+200B>", TerminalText.line("\u2066x\u2069 \u200f\u061c\u200b"));
  }

  @Test
  void terminalText_keepsJoinersInText_showsThemInAddresses() {
    String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
    assertEquals(persian, TerminalText.block(persian));
    assertEquals("https://e<U+200B>.com/<U+202E>gpj.exe<U+200C>", TerminalText.address("https://e\u200b.com/\u202egpj.exe\u200c"));
  }

  @Test
  void show_bidiOverrideInDetails_isVisible() {
    Report r = TestReports.withDetails("see file \u202Egpj.exe");
    String shown = ReportText.show(new InboxEntry("0123456789abcdef0123456789abcdef", r, true), false);
    assertTrue(shown.contains("  see file <U+202E>gpj.exe\n"), shown);
    assertFalse(shown.contains("\u202E"), shown);
  }

  @Test
  void listLine_hasTheListedFieldsAndDefangedFirstUrl() {
    Report r = TestReports.typical();
    String line = row(new InboxEntry("0123456789abcdef0123456789abcdef", r, false));
    assertEquals("0123456789abcdef0123456789abcdef  new   2026-11-28T16:00Z  default  fr        both     "
        + "hxxps://example[.]com/gallery?id=42  (+1 more)", line);
  }

  @Test
  void listTable_columnsLineUp_whateverTheWidthOfTheirCells() {
    Report narrow = TestReports.typical();
    Report wide = new Report("00000000000000000000000000000009", "2026-11-28T17:00Z", "a-partner-with-a-long-portal-id", "pt-BR",
        List.of("https://example.org/"), ContentKind.IMAGES, "", "", "", null, null);
    List<String> lines = ReportText.listTable(List.of(new InboxEntry("0123456789abcdef0123456789abcdef", narrow, true),
        new InboxEntry("fedcba9876543210fedcba9876543210", wide, false)));

    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("ENVELOPE ID"), lines.get(0));
    for (String heading : List.of("SEEN", "RECEIVED", "PORTAL", "LANGUAGE", "CONTENT", "ADDRESS")) {
      int column = lines.get(0).indexOf(heading);
      for (String line : lines) {
        assertTrue(column == 0 || line.charAt(column - 1) == ' ' && line.charAt(column) != ' ',
            heading + " does not start at the same place in every row:\n" + String.join("\n", lines));
      }
    }
    assertTrue(lines.get(1).endsWith("hxxps://example[.]com/gallery?id=42  (+1 more)"), lines.get(1));
    assertTrue(lines.get(2).endsWith("images   hxxps://example[.]org/"), lines.get(2));
  }

  private static String row(InboxEntry e) {
    return ReportText.listTable(List.of(e)).get(1);
  }

  @Test
  void show_defangsUnlessRawAndShowsEveryField() {
    Report r = new Report("00000000000000000000000000000001", "2026-11-28T16:00Z", "default", "en",
        List.of("https://example.com/x"), ContentKind.IMAGES, "top", "via https://forum.example/t",
        "line one\nline two", null, null);
    InboxEntry e = new InboxEntry("0123456789abcdef0123456789abcdef", r, true);
    String shown = ReportText.show(e, false);
    assertTrue(shown.contains("  hxxps://example[.]com/x\n"), shown);
    assertTrue(shown.contains("  via hxxps://forum[.]example/t\n"), shown);
    assertTrue(shown.contains("Details:\n  line one\n  line two\n"), shown);
    assertTrue(shown.contains("Contact: none"), shown);
    assertFalse(shown.contains("https://"), shown);
    String raw = ReportText.show(e, true);
    assertTrue(raw.contains("  https://example.com/x\n"), raw);
  }

  @Test
  void addressesWithoutScheme_areTreatedAsWebAddresses_defangedInDisplays() {
    assertEquals("example[.]com/page.html?a=b.c", Defang.address("example.com/page.html?a=b.c"));
    assertEquals("www[.]example[.]com", Defang.address("www.example.com"));
    assertEquals("hxxps://example[.]com/a.b", Defang.address("https://example.com/a.b"));
    Report r = new Report("00000000000000000000000000000002", "2026-11-28T16:00Z", "default", "en",
        List.of("www.example.com/x"), ContentKind.IMAGES, "", "", "", null, null);
    String shown = ReportText.show(new InboxEntry("0123456789abcdef0123456789abcdef", r, false), false);
    assertTrue(shown.contains("URLs:\n  www[.]example[.]com/x\n"), shown);
    assertTrue(ReportText.show(new InboxEntry("0123456789abcdef0123456789abcdef", r, false), true)
        .contains("  www.example.com/x\n"), "raw keeps what was typed");
  }

  @Test
  void reportFromAnApp_showsTheAppAndAccount_inListAndShow() {
    Report r = TestReports.inApp();
    InboxEntry e = new InboxEntry("0123456789abcdef0123456789abcdef", r, false);
    assertTrue(row(e).endsWith("  videos   app: Telegram @example_channel"), row(e));
    String shown = ReportText.show(e, false);
    assertTrue(shown.contains("URLs: none\n"), shown);
    assertTrue(shown.contains("In an app:\n  App:                    Telegram\n  Account, group or post: @example_channel\n"), shown);
    Report both = new Report("00000000000000000000000000000003", "2026-11-28T16:00Z", "default", "en",
        List.of("https://t.me/x"), ContentKind.IMAGES, "", "", "", null,
        new org.hotlinerelay.protocol.report.InApp("Telegram", "https://t.me/joinchat/abc"));
    InboxEntry withBoth = new InboxEntry("0123456789abcdef0123456789abcdef", both, false);
    assertTrue(row(withBoth).endsWith("hxxps://t[.]me/x  (+1 more)"), row(withBoth));
    assertTrue(ReportText.show(withBoth, false).contains("Account, group or post: hxxps://t[.]me/joinchat/abc\n"));
  }

  @Test
  void parseSince_datesAndHours() {
    assertEquals("2026-11-28T00:00Z", InboxFilter.parseSince("2026-11-28"));
    assertEquals("2026-11-28T16:00Z", InboxFilter.parseSince("2026-11-28T16:00Z"));
    assertEquals("2026-11-28T16:00Z", InboxFilter.parseSince("2026-11-28T16"));
    for (String bad : List.of("yesterday", "2026-13-01", "2026-11-28T24", "2026-11-28T16:30Z", "")) {
      assertThrows(IllegalArgumentException.class, () -> InboxFilter.parseSince(bad), bad);
    }
  }

  @Test
  void csvCell_quotesAndDisarmsFormulas() {
    assertEquals("plain", Exporter.cell("plain"));
    assertEquals("\"a,b\"", Exporter.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Exporter.cell("say \"hi\""));
    assertEquals("'=HYPERLINK(1)", Exporter.cell("=HYPERLINK(1)"));
    assertEquals("\"'=SUM(1,2)\"", Exporter.cell("=SUM(1,2)"));
    assertEquals("'+1", Exporter.cell("+1"));
  }
}
