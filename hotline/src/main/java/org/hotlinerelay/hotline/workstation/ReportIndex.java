// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of every opened report ({@link IndexEntry}), kept encrypted at rest as a
 * {@link SealedLog} (purpose {@code index}) of chunks of up to {@value #CHUNK} entries, and in
 * memory with lookups by envelope id, by normalised address, by host and by place in an app
 * ({@link AppKey}). Entries are only ever
 * added: a report's indexed fields never change (triage lives in {@link TriageBook}).
 */
final class ReportIndex {
  static final int CHUNK = 2000;
  private final SealedLog log;
  private final Map<String, IndexEntry> byId = new LinkedHashMap<>();
  private final Map<String, List<String>> byUrl = new HashMap<>();
  private final Map<String, List<String>> byHost = new HashMap<>();
  private final Map<AppKey, List<String>> byApp = new HashMap<>();

  private ReportIndex(SealedLog log) {
    this.log = log;
  }

  static ReportIndex load(SealedLog log) throws IOException, GeneralSecurityException {
    ReportIndex index = new ReportIndex(log);
    Map<String, String> shared = new HashMap<>();
    for (byte[] chunk : log.readAll()) {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(chunk));
      for (int n = in.readInt(); n > 0; n--) {
        index.put(IndexEntry.read(in, shared));
      }
    }
    return index;
  }

  boolean contains(String envelopeId) {
    return byId.containsKey(envelopeId);
  }

  IndexEntry get(String envelopeId) {
    return byId.get(envelopeId);
  }

  Collection<IndexEntry> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  /** Envelope ids of the reports naming this normalised address (including the asker). */
  List<String> sameUrl(String url) {
    return byUrl.getOrDefault(url, List.of());
  }

  /** Envelope ids of the reports naming an address on this host (including the asker). */
  List<String> sameHost(String host) {
    return byHost.getOrDefault(host, List.of());
  }

  /** Envelope ids of the reports naming this place in an app (including the asker). */
  List<String> sameApp(AppKey key) {
    return byApp.getOrDefault(key, List.of());
  }

  /** Adds entries, durably (encrypted), before they count as indexed. */
  void addAll(List<IndexEntry> entries) throws IOException, GeneralSecurityException {
    for (int from = 0; from < entries.size(); from += CHUNK) {
      List<IndexEntry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(chunk.size() * 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(chunk.size());
      for (IndexEntry e : chunk) {
        e.write(out);
      }
      log.append(bytes.toByteArray());
      chunk.forEach(this::put);
    }
  }

  private void put(IndexEntry e) {
    byId.put(e.envelopeId(), e);
    for (UrlKey key : e.keys().stream().distinct().toList()) {
      byUrl.computeIfAbsent(key.url(), k -> new ArrayList<>(1)).add(e.envelopeId());
    }
    for (String host : e.keys().stream().map(UrlKey::host).distinct().toList()) {
      byHost.computeIfAbsent(host, k -> new ArrayList<>(1)).add(e.envelopeId());
    }
    if (e.inApp() != null) {
      byApp.computeIfAbsent(e.appKey(), k -> new ArrayList<>(1)).add(e.envelopeId());
    }
  }
}
