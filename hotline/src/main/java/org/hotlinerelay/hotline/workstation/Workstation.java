// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.inbox.InboxEntry;
import org.hotlinerelay.hotline.inbox.Skipped;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.store.DurableStore;

/**
 * The analyst's workstation over one inbox: an encrypted index of every report, each report's
 * triage and notes, and the audit log. Unlocking opens only the envelopes the index does not hold
 * yet; everything else comes from the encrypted state folder ({@link WorkstationKey},
 * {@link SealedLog}). Plaintext leaves memory only through {@link #export}.
 *
 * <p>Every unlock, view, state change, note and export is appended to the {@link AuditLog}
 * before the call returns. Safe for concurrent use (the web server's worker threads): every
 * method that reads or changes triage holds this object's lock.
 */
public final class Workstation {
  /** The queue's order: untouched reports first, then newest first. */
  static final Comparator<Item> QUEUE = Comparator.comparing((Item i) -> i.triage().state() != TriageState.NEW)
      .thenComparing(i -> i.entry().receivedHour(), Comparator.reverseOrder())
      .thenComparing(Item::envelopeId);

  /** Progress of a long task: indexing new envelopes at unlock, or an export. */
  public interface Progress {
    void update(int done, int total);
  }

  private final Inbox inbox;
  private final String analyst;
  private final ReportIndex index;
  private final TriageBook triage;
  private final AuditLog audit;
  private final List<Skipped> skipped;

  private Workstation(Inbox inbox, String analyst, ReportIndex index, TriageBook triage, AuditLog audit,
      List<Skipped> skipped) {
    this.inbox = inbox;
    this.analyst = analyst;
    this.index = index;
    this.triage = triage;
    this.audit = audit;
    this.skipped = skipped;
  }

  /**
   * Unlocks the state folder with the passphrase (creating it on first use), indexes the envelopes
   * that are new since last time and records the unlock in the audit log.
   *
   * @throws WrongPassphraseException the state folder was locked with another passphrase
   */
  public static Workstation unlock(Inbox inbox, Path stateDir, char[] passphrase, String analyst, Progress progress)
      throws IOException, GeneralSecurityException, WrongPassphraseException, MalformedMessageException {
    if (!AuditLog.ANALYST.matcher(analyst).matches()) {
      throw new IllegalArgumentException("analyst name");
    }
    DurableStore.createPrivateDirectory(stateDir);
    AuditLog audit = AuditLog.open(stateDir.resolve(AuditLog.FILE));
    Aead aead = WorkstationKey.unlock(stateDir, passphrase);
    ReportIndex index = ReportIndex.load(new SealedLog(stateDir.resolve("index.sealed"), aead, "index"));
    List<String> fresh = new ArrayList<>();
    for (String id : inbox.envelopeIds()) {
      if (!index.contains(id)) {
        fresh.add(id);
      }
    }
    List<IndexEntry> opened = new ArrayList<>(fresh.size());
    List<Skipped> skipped = new ArrayList<>();
    progress.update(0, fresh.size());
    inbox.scan(fresh, e -> opened.add(IndexEntry.of(e.envelopeId(), e.report())), skipped::add,
        done -> progress.update(done, fresh.size()));
    index.addAll(opened);
    TriageBook triage = TriageBook.load(new SealedLog(stateDir.resolve("triage.sealed"), aead, "triage"));
    audit.append(analyst, "unlock", List.of());
    return new Workstation(inbox, analyst, index, triage, audit, List.copyOf(skipped));
  }

  public String analyst() {
    return analyst;
  }

  public int size() {
    return index.size();
  }

  /** Envelopes that did not open at unlock (damaged, or sealed for another key). */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** Every report matching {@code query}, in queue order. */
  public synchronized List<Item> query(Query query) {
    List<Item> out = new ArrayList<>();
    for (IndexEntry e : index.all()) {
      Triage t = triage.of(e.envelopeId());
      if (query.matches(e, t)) {
        out.add(new Item(e, t));
      }
    }
    out.sort(QUEUE);
    return out;
  }

  public synchronized Optional<Item> item(String envelopeId) {
    IndexEntry e = index.get(envelopeId);
    return e == null ? Optional.empty() : Optional.of(new Item(e, triage.of(envelopeId)));
  }

  /** The whole report, opened from its envelope; the view is audited. Empty when it does not open. */
  public synchronized Optional<Report> view(String envelopeId) throws IOException {
    if (!index.contains(envelopeId)) {
      return Optional.empty();
    }
    audit.append(analyst, "view", List.of(envelopeId));
    return inbox.open(envelopeId) instanceof InboxEntry e ? Optional.of(e.report()) : Optional.empty();
  }

  /** The reports just before and after one report in a search's queue order: ids, "" where there is none. */
  public record Neighbours(String previous, String next) {}

  /**
   * The reports before and after {@code envelopeId} in the queue order of {@code query}, for
   * "previous" and "next report", with the report placed in that order as if its state were
   * {@code placedAs}: the state it had when the analyst opened it, so that changing its state
   * does not move the analyst elsewhere in the list. The report itself need not match the query
   * (its new state may not).
   */
  public synchronized Neighbours neighbours(String envelopeId, Query query, TriageState placedAs) {
    Optional<Item> found = item(envelopeId);
    if (found.isEmpty()) {
      return new Neighbours("", "");
    }
    Triage t0 = found.get().triage();
    Item self = new Item(found.get().entry(), new Triage(placedAs, t0.analyst(), t0.duplicateOf(), t0.notes()));
    // One pass, no sort: the greatest matching report before this one and the least after it.
    Item previous = null;
    Item next = null;
    for (IndexEntry e : index.all()) {
      Triage t = triage.of(e.envelopeId());
      if (e.envelopeId().equals(envelopeId) || !query.matches(e, t)) {
        continue;
      }
      Item other = new Item(e, t);
      int order = QUEUE.compare(other, self);
      if (order < 0 && (previous == null || QUEUE.compare(other, previous) > 0)) {
        previous = other;
      } else if (order > 0 && (next == null || QUEUE.compare(other, next) < 0)) {
        next = other;
      }
    }
    return new Neighbours(previous == null ? "" : previous.envelopeId(), next == null ? "" : next.envelopeId());
  }

  /**
   * The other reports naming the same normalised address as any of this report's addresses, or
   * the same place in an app ({@link AppKey}): one "seen before" group, counted, listed and marked
   * as duplicates together.
   */
  public synchronized List<Item> sameUrl(String envelopeId) {
    return related(envelopeId, true);
  }

  /** The other reports naming an address on the same host as any of this report's addresses. */
  public synchronized List<Item> sameHost(String envelopeId) {
    return related(envelopeId, false);
  }

  private List<Item> related(String envelopeId, boolean byUrl) {
    IndexEntry e = index.get(envelopeId);
    if (e == null) {
      return List.of();
    }
    Set<String> ids = new HashSet<>();
    for (UrlKey key : e.keys()) {
      ids.addAll(byUrl ? index.sameUrl(key.url()) : index.sameHost(key.host()));
    }
    if (byUrl && e.inApp() != null) {
      ids.addAll(index.sameApp(e.appKey()));
    }
    ids.remove(envelopeId);
    List<Item> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Item(index.get(id), triage.of(id)));
    }
    out.sort(QUEUE);
    return out;
  }

  /**
   * Sets the state of these reports (ids not in the index are ignored); {@code duplicateOf} names
   * the report they duplicate when the state is {@link TriageState#DUPLICATE}.
   */
  public synchronized void setState(List<String> envelopeIds, TriageState state, String duplicateOf)
      throws IOException, GeneralSecurityException {
    List<String> known = envelopeIds.stream().filter(index::contains).distinct().toList();
    if (state == TriageState.DUPLICATE && !index.contains(duplicateOf)) {
      throw new IllegalArgumentException("duplicateOf");
    }
    if (known.isEmpty()) {
      return;
    }
    triage.setState(known, state, analyst, now(), state == TriageState.DUPLICATE ? duplicateOf : "");
    audit.append(analyst, "state-" + state.value(), known);
  }

  public synchronized void addNote(String envelopeId, String text) throws IOException, GeneralSecurityException {
    if (!index.contains(envelopeId) || text.isBlank()) {
      throw new IllegalArgumentException("note");
    }
    triage.addNote(envelopeId, analyst, now(), text);
    audit.append(analyst, "note", List.of(envelopeId));
  }

  /**
   * Writes these reports as case records (plaintext: the analyst's explicit act), telling
   * {@code progress} (reports done, reports) as it goes, and audits the export once the file is
   * complete. The writing does not hold this object's lock, so the analyst keeps working while a
   * long export runs; {@code items} are the values taken when the export was asked for.
   */
  public CaseExport.Summary export(List<Item> items, CaseExport format, Path out, Progress progress) throws IOException {
    CaseExport.Summary summary = format.write(items, out, progress);
    synchronized (this) {
      audit.append(analyst, "export", items.stream().map(Item::envelopeId).toList());
    }
    return summary;
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
  }

  @Override
  public String toString() {
    return "Workstation[" + index.size() + " reports]";
  }
}
