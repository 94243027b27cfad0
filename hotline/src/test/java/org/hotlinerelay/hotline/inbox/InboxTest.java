// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {
  @TempDir java.nio.file.Path temp;
  InboxFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new InboxFixture(temp);
  }

  static Report at(String hour, String portal) {
    return new Report(Ids.random(), hour, portal, "en", List.of("https://example.com/" + portal),
        ContentKind.VIDEOS, "", "", "", null, null);
  }

  @Test
  void list_givesBackExactlyTheReportsSealedSortedByHour() throws Exception {
    Report late = at("2026-11-28T18:00Z", "late");
    Report typical = TestReports.typical();
    Report early = at("2026-11-27T09:00Z", "early");
    fx.add(late);
    fx.add(typical);
    fx.add(early);
    try (Inbox inbox = fx.open()) {
      List<InboxEntry> entries = inbox.list(InboxFilter.ALL, s -> { throw new AssertionError(s.line()); });
      assertEquals(List.of(early, typical, late), entries.stream().map(InboxEntry::report).toList());
    }
  }

  @Test
  void list_damagedOrForeignEnvelopes_skippedByIdOthersListed() throws Exception {
    String good = fx.add(TestReports.minimal());
    Envelope valid = fx.signer.wrap(fx.sealer.seal(TestReports.minimal()));
    byte[] sealed = valid.sealed();
    sealed[100] ^= 1;
    String flipped = fx.add(new Envelope(Envelope.VERSION, valid.id(), valid.relayId(), false, sealed, valid.signature()));
    Sealer foreignSealer = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    String foreign = fx.add(fx.signer.wrap(foreignSealer.seal(TestReports.minimal())));
    String garbage = Ids.random();
    Files.writeString(fx.dir.resolve(garbage), "not an envelope");
    Files.writeString(fx.dir.resolve("README.txt"), "ignored: not an envelope name");
    List<Skipped> skipped = new ArrayList<>();
    try (Inbox inbox = fx.open()) {
      List<InboxEntry> entries = inbox.list(InboxFilter.ALL, skipped::add);
      assertEquals(List.of(good), entries.stream().map(InboxEntry::envelopeId).toList());
    }
    assertEquals(Set.of(flipped, foreign, garbage), skipped.stream().map(Skipped::envelopeId).collect(Collectors.toSet()));
    assertTrue(skipped.stream().filter(s -> s.envelopeId().equals(garbage)).allMatch(s -> s.reason().equals(Skipped.NOT_AN_ENVELOPE)));
    assertTrue(skipped.stream().filter(s -> s.envelopeId().equals(foreign)).allMatch(s -> s.reason().equals(Skipped.CANNOT_OPEN)));
  }

  @Test
  void list_envelopeStoredUnderAnotherName_skipped() throws Exception {
    Envelope e = fx.signer.wrap(fx.sealer.seal(TestReports.minimal()));
    String otherName = Ids.random();
    Files.write(fx.dir.resolve(otherName), org.hotlinerelay.protocol.envelope.EnvelopeBinary.encode(e));
    List<Skipped> skipped = new ArrayList<>();
    try (Inbox inbox = fx.open()) {
      assertTrue(inbox.list(InboxFilter.ALL, skipped::add).isEmpty());
    }
    assertEquals(List.of(new Skipped(otherName, Skipped.NOT_AN_ENVELOPE)), skipped);
  }

  @Test
  void list_filtersSincePortalUnread() throws Exception {
    String a = fx.add(at("2026-11-27T23:00Z", "north"));
    String b = fx.add(at("2026-11-28T00:00Z", "south"));
    String c = fx.add(at("2026-11-28T16:00Z", "north"));
    try (Inbox inbox = fx.open()) {
      assertEquals(List.of(b, c), ids(inbox, new InboxFilter(InboxFilter.parseSince("2026-11-28"), null, false)));
      assertEquals(List.of(c), ids(inbox, new InboxFilter(InboxFilter.parseSince("2026-11-28T01"), null, false)));
      assertEquals(List.of(a, c), ids(inbox, new InboxFilter(null, "north", false)));
      assertEquals(List.of(a, c), ids(inbox, new InboxFilter(null, "North", false)), "a portal id in either case");
      inbox.markRead(a);
    }
    try (Inbox inbox = fx.open()) {
      assertEquals(List.of(b, c), ids(inbox, new InboxFilter(null, null, true)));
      assertEquals(List.of(c), ids(inbox, new InboxFilter(null, "north", true)));
    }
  }

  private static List<String> ids(Inbox inbox, InboxFilter filter) throws Exception {
    return inbox.list(filter, s -> { }).stream().map(InboxEntry::envelopeId).toList();
  }

  @Test
  void markRead_writesOnlyEnvelopeIds() throws Exception {
    Report report = TestReports.typical();
    String id = fx.add(report);
    try (Inbox inbox = fx.open()) {
      inbox.markRead(id);
      inbox.markRead(id);
    }
    String state = Files.readString(fx.dir.resolve(ReadState.DEFAULT_FILE));
    assertEquals(id + "\n", state);
    assertFalse(state.contains(report.id()));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(fx.dir.resolve(ReadState.DEFAULT_FILE))));
  }

  @Test
  void find_byEnvelopeIdOrReportId() throws Exception {
    Report report = TestReports.typical();
    String envelopeId = fx.add(report);
    fx.add(TestReports.minimal());
    try (Inbox inbox = fx.open()) {
      assertEquals(report, ((InboxEntry) inbox.find(envelopeId).orElseThrow()).report());
      assertEquals(envelopeId, ((InboxEntry) inbox.find(report.id()).orElseThrow()).envelopeId());
      assertTrue(inbox.find(Ids.random()).isEmpty());
    }
  }

  @Test
  void scan_manyEnvelopes_deliversEachOnceInOrder() throws Exception {
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      added.add(fx.add(TestReports.minimal()));
    }
    try (Inbox inbox = fx.open()) {
      List<String> ids = inbox.envelopeIds();
      List<String> seen = new ArrayList<>();
      inbox.scan(ids, e -> seen.add(e.envelopeId()), s -> { throw new AssertionError(s.line()); }, n -> { });
      assertEquals(ids, seen);
      assertEquals(Set.copyOf(added), Set.copyOf(seen));
    }
  }

  @Test
  void find_byUniquePrefix_orAmbiguous() throws Exception {
    Report report = TestReports.minimal();
    Envelope e = fx.signer.wrap(fx.sealer.seal(report));
    String a = fx.add(new Envelope(e.version(), "deadbeef" + Ids.random().substring(8), e.relayId(), false, e.sealed(), e.signature()));
    fx.add(new Envelope(e.version(), "deadbeef" + Ids.random().substring(8), e.relayId(), false, e.sealed(), e.signature()));
    try (Inbox inbox = fx.open()) {
      Inbox.AmbiguousIdException ambiguous = org.junit.jupiter.api.Assertions.assertThrows(Inbox.AmbiguousIdException.class,
          () -> inbox.find("deadbeef"));
      assertEquals(2, ambiguous.matches());
      assertEquals(a, ((InboxEntry) inbox.find(a.substring(0, 31)).orElseThrow()).envelopeId());
      // Both envelopes hold the same report: its id is ambiguous too.
      org.junit.jupiter.api.Assertions.assertThrows(Inbox.AmbiguousIdException.class,
          () -> inbox.find(report.id().substring(0, 8)));
    }
  }
}
