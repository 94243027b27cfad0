// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkstationTest {
  @TempDir Path temp;
  WorkstationFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new WorkstationFixture(temp);
  }

  @Test
  void unlock_opensOnlyWhatIsNewSinceLastTime() throws Exception {
    fx.add(WorkstationFixture.report("https://a.example/1", "2026-11-28T10:00Z", "north"));
    fx.add(WorkstationFixture.report("https://b.example/2", "2026-11-28T11:00Z", "north"));
    List<Integer> totals = new ArrayList<>();
    try (Inbox inbox = fx.inbox()) {
      assertEquals(2, fx.unlock(inbox, "alice", (done, total) -> totals.add(total)).size());
    }
    fx.add(WorkstationFixture.report("https://c.example/3", "2026-11-28T12:00Z", "north"));
    List<Integer> again = new ArrayList<>();
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox, "alice", (done, total) -> again.add(total));
      assertEquals(3, w.size());
    }
    assertEquals(2, totals.get(0), "first unlock opens both");
    assertEquals(1, again.get(0), "second unlock opens only the new one");
  }

  @Test
  void stateOnDisk_holdsNoPlaintext() throws Exception {
    String id = fx.add(WorkstationFixture.report("https://secret-host.example/evidence", "2026-11-28T10:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      w.setState(List.of(id), TriageState.ACTIONED, "");
      w.addNote(id, "confidential note text");
    }
    try (Stream<Path> files = Files.list(fx.stateDir)) {
      for (Path f : files.toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("secret-host"), f.toString());
        assertFalse(content.contains("confidential note"), f.toString());
        assertFalse(content.contains("north"), f.toString());
      }
    }
  }

  @Test
  void wrongPassphrase_refused() throws Exception {
    fx.add(WorkstationFixture.report("https://a.example/1", "2026-11-28T10:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      fx.unlock(inbox);
      assertThrows(WrongPassphraseException.class,
          () -> Workstation.unlock(inbox, fx.stateDir, "wrong passphrase".toCharArray(), "alice", (d, t) -> { }));
    }
  }

  @Test
  void triageAndNotes_surviveAnotherUnlock() throws Exception {
    String a = fx.add(WorkstationFixture.report("https://a.example/1", "2026-11-28T10:00Z", "north"));
    String b = fx.add(WorkstationFixture.report("https://A.example:443/1#x", "2026-11-28T11:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      w.setState(List.of(b), TriageState.DUPLICATE, a);
      w.addNote(a, "first");
      w.addNote(a, "second");
    }
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox, "bob", (d, t) -> { });
      Triage tb = w.item(b).orElseThrow().triage();
      assertEquals(TriageState.DUPLICATE, tb.state());
      assertEquals(a, tb.duplicateOf());
      assertEquals("alice", tb.analyst());
      assertEquals(List.of("first", "second"), w.item(a).orElseThrow().triage().notes().stream().map(Triage.Note::text).toList());
    }
  }

  @Test
  void query_filtersAndOrdersNewFirstThenNewest() throws Exception {
    String old = fx.add(WorkstationFixture.report("https://shop.example/a", "2026-11-27T10:00Z", "north"));
    String mid = fx.add(WorkstationFixture.report("https://other.example/b", "2026-11-28T10:00Z", "south"));
    String late = fx.add(WorkstationFixture.report("https://shop.example/c?utm_source=x", "2026-11-29T10:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      w.setState(List.of(late), TriageState.ACTIONED, "");
      assertEquals(List.of(mid, old, late), ids(w.query(Query.ALL)));
      assertEquals(List.of(old, late), ids(w.query(new Query("SHOP.example", "", "", "", "", "", "", ""))));
      assertEquals(List.of(mid), ids(w.query(new Query("", "", "", "south", "", "", "", ""))));
      assertEquals(List.of(mid, late), ids(w.query(new Query("", "2026-11-28T00:00Z", "2026-11-29T23:00Z", "", "", "", "", ""))));
      assertEquals(List.of(late), ids(w.query(new Query("", "", "", "", "", "", "actioned", "alice"))));
      assertEquals(List.of(), ids(w.query(new Query("", "", "", "", "", "", "", "bob"))));
      assertEquals(List.of(mid), ids(w.query(new Query("", "", "", "SOUTH", "", "", "", ""))), "upper and lower case alike");
      assertEquals(List.of(mid, old, late), ids(w.query(new Query("", "", "", "", "EN", "", "", ""))));
      assertEquals(List.of(late), ids(w.query(new Query("", "", "", "", "", "", "", "Alice"))));
      assertEquals(List.of(), ids(w.query(new Query("", "", "", "sout", "", "", "", ""))), "the whole id, not a part");
    }
  }

  @Test
  void neighbours_followTheSearchQueueOrder_fromWhereTheReportWasPlaced() throws Exception {
    String oldest = fx.add(WorkstationFixture.report("https://a.example/1", "2026-11-28T10:00Z", "north"));
    String middle = fx.add(WorkstationFixture.report("https://b.example/2", "2026-11-28T11:00Z", "north"));
    String newest = fx.add(WorkstationFixture.report("https://c.example/3", "2026-11-28T12:00Z", "north"));
    fx.add(WorkstationFixture.report("https://d.example/4", "2026-11-28T13:00Z", "south"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      Query north = new Query("", "", "", "north", "", "", "", "");
      assertEquals(new Workstation.Neighbours(newest, oldest), w.neighbours(middle, north, TriageState.NEW));
      assertEquals(new Workstation.Neighbours("", middle), w.neighbours(newest, north, TriageState.NEW));
      assertEquals(new Workstation.Neighbours(middle, ""), w.neighbours(oldest, north, TriageState.NEW));
      Query fresh = new Query("", "", "", "north", "", "", "new", "");
      w.setState(List.of(newest), TriageState.ACTIONED, "");
      assertEquals(new Workstation.Neighbours("", middle), w.neighbours(newest, fresh, TriageState.NEW),
          "placed where it was opened: the next new report follows, though the report no longer matches");
      assertEquals(new Workstation.Neighbours(oldest, ""), w.neighbours(newest, fresh, TriageState.ACTIONED),
          "placed by its state now: after the new reports");
      assertEquals(new Workstation.Neighbours("", ""), w.neighbours("0".repeat(32), north, TriageState.NEW));
    }
  }

  @Test
  void sameUrlAndHost_matchNormalisedAddresses() throws Exception {
    String a = fx.add(WorkstationFixture.report("https://Shop.example/p?utm_medium=1", "2026-11-27T10:00Z", "north"));
    String b = fx.add(WorkstationFixture.report("https://shop.example:443/p#frag", "2026-11-28T10:00Z", "north"));
    String c = fx.add(WorkstationFixture.report("https://shop.example/other", "2026-11-28T10:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      Workstation w = fx.unlock(inbox);
      assertEquals(List.of(b), ids(w.sameUrl(a)));
      assertEquals(List.of(b, c).stream().sorted().toList(), ids(w.sameHost(a)).stream().sorted().toList());
      assertTrue(w.view(a).isPresent());
    }
  }

  @Test
  void inApp_survivesTheIndexOnDisk_isSearchedAndGroupedCaseInsensitively() throws Exception {
    String appOnly = fx.add(WorkstationFixture.inApp("Telegram", "@SecretChannel", "2026-11-28T10:00Z"));
    String mixed = fx.add(WorkstationFixture.inApp("telegram", "@secretchannel", "2026-11-28T11:00Z", "https://shop.example/a"));
    String otherAccount = fx.add(WorkstationFixture.inApp("Telegram", "@another", "2026-11-28T12:00Z"));
    String sameUrl = fx.add(WorkstationFixture.report("https://SHOP.example/a#x", "2026-11-28T09:00Z", "north"));
    try (Inbox inbox = fx.inbox()) {
      fx.unlock(inbox);
    }
    try (Inbox inbox = fx.inbox()) {
      List<Integer> opened = new ArrayList<>();
      Workstation w = fx.unlock(inbox, "alice", (done, total) -> opened.add(total));
      assertEquals(0, opened.get(0), "every entry comes from the index on disk");
      IndexEntry e = w.item(appOnly).orElseThrow().entry();
      assertEquals(List.of(), e.urls());
      assertEquals("Telegram", e.inApp().app());
      assertEquals("@SecretChannel", e.inApp().identifier());
      assertEquals(List.of("https://shop.example/a"), w.item(mixed).orElseThrow().entry().urls());
      assertEquals("@secretchannel", w.item(mixed).orElseThrow().entry().inApp().identifier());
      assertEquals(null, w.item(sameUrl).orElseThrow().entry().inApp());

      assertEquals(sorted(appOnly, mixed, otherAccount), sorted(ids(w.query(new Query("TELEGRAM", "", "", "", "", "", "", "")))));
      assertEquals(sorted(appOnly, mixed), sorted(ids(w.query(new Query("secretchan", "", "", "", "", "", "", "")))));
      assertEquals(sorted(mixed, sameUrl), sorted(ids(w.query(new Query("shop.example", "", "", "", "", "", "", "")))));

      assertEquals(List.of(mixed), ids(w.sameUrl(appOnly)), "same app and account, case aside");
      assertEquals(sorted(appOnly, sameUrl), sorted(ids(w.sameUrl(mixed))), "same account or same address: one group");
      assertEquals(List.of(), ids(w.sameUrl(otherAccount)));
      assertEquals(List.of(), ids(w.sameHost(appOnly)), "an app is not a host");
    }
    try (Stream<Path> files = Files.list(fx.stateDir)) {
      for (Path f : files.toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("SecretChannel"), f.toString());
        assertFalse(content.contains("Telegram"), f.toString());
      }
    }
  }

  private static List<String> sorted(String... ids) {
    return sorted(List.of(ids));
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }

  private static List<String> ids(List<Item> items) {
    return items.stream().map(Item::envelopeId).toList();
  }
}
