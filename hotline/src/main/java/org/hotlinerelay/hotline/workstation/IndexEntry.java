// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;

/**
 * What the index keeps of one report: the fields the queue shows and filters on. Free text and
 * contact details are not indexed; {@link Workstation#report} opens the envelope again for them.
 * Plaintext: lives in memory, and on disk only inside a {@link SealedLog}. {@link #toString()}
 * prints the envelope id only.
 *
 * @param urls the addresses as typed; empty when the report names only a place in an app
 * @param keys the addresses normalised for matching ({@link UrlKey}), one per address
 * @param inApp where in an app the content was seen, as typed ({@link AppKey} is its form for
 *     matching); null when the report does not say
 */
public record IndexEntry(String envelopeId, String reportId, String receivedHour, String portal,
    String language, ContentKind contentKind, List<String> urls, List<UrlKey> keys, InApp inApp) {

  static IndexEntry of(String envelopeId, Report r) {
    return new IndexEntry(envelopeId, r.id(), r.receivedHour(), r.portal(), r.language(), r.contentKind(),
        r.urls(), r.urls().stream().map(UrlKey::of).toList(), r.inApp());
  }

  /** The app key for matching, or null when the report names no place in an app. */
  AppKey appKey() {
    return inApp == null ? null : AppKey.of(inApp);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeUTF(envelopeId);
    out.writeUTF(reportId);
    out.writeUTF(receivedHour);
    out.writeUTF(portal);
    out.writeUTF(language);
    out.writeUTF(contentKind.wireValue());
    out.writeByte(urls.size());
    for (int i = 0; i < urls.size(); i++) {
      out.writeUTF(urls.get(i));
      out.writeUTF(keys.get(i).url());
      out.writeUTF(keys.get(i).host());
    }
    out.writeBoolean(inApp != null);
    if (inApp != null) {
      out.writeUTF(inApp.app());
      out.writeUTF(inApp.identifier());
    }
  }

  /**
   * Reads one entry. {@code shared} holds one copy of each value many entries repeat (hours,
   * portals, languages, hosts, apps), so 100,000 entries do not hold 100,000 copies of each.
   */
  static IndexEntry read(DataInputStream in, Map<String, String> shared) throws IOException {
    String envelopeId = in.readUTF();
    String reportId = in.readUTF();
    String hour = shared.computeIfAbsent(in.readUTF(), v -> v);
    String portal = shared.computeIfAbsent(in.readUTF(), v -> v);
    String language = shared.computeIfAbsent(in.readUTF(), v -> v);
    ContentKind kind = ContentKind.fromWire(in.readUTF()).orElseThrow(() -> new IOException("unknown content kind"));
    int n = in.readUnsignedByte();
    List<String> urls = new ArrayList<>(n);
    List<UrlKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String url = in.readUTF();
      String key = in.readUTF();
      urls.add(url);
      // Most addresses are already in normal form: one string serves as both.
      keys.add(new UrlKey(key.equals(url) ? url : key, shared.computeIfAbsent(in.readUTF(), v -> v)));
    }
    InApp inApp = in.readBoolean() ? new InApp(shared.computeIfAbsent(in.readUTF(), v -> v), in.readUTF()) : null;
    return new IndexEntry(envelopeId, reportId, hour, portal, language, kind, List.copyOf(urls), List.copyOf(keys), inApp);
  }

  @Override
  public String toString() {
    return "IndexEntry[" + envelopeId + ", redacted]";
  }
}
