// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every report's triage, kept as an encrypted append-only log of changes ({@link SealedLog},
 * purpose {@code triage}): a state change (of one report or a bulk selection) or a note is one
 * record, replayed in order at unlock.
 */
final class TriageBook {
  private static final byte STATE = 1;
  private static final byte NOTE = 2;
  private final SealedLog log;
  private final Map<String, Triage> byId = new HashMap<>();

  private TriageBook(SealedLog log) {
    this.log = log;
  }

  static TriageBook load(SealedLog log) throws IOException, GeneralSecurityException {
    TriageBook book = new TriageBook(log);
    for (byte[] record : log.readAll()) {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
      byte type = in.readByte();
      String analyst = in.readUTF();
      String at = in.readUTF();
      if (type == STATE) {
        TriageState state = TriageState.of(in.readUTF()).orElseThrow(() -> new IOException("unknown state"));
        String duplicateOf = in.readUTF();
        for (int i = in.readInt(); i > 0; i--) {
          book.applyState(in.readUTF(), state, analyst, duplicateOf);
        }
      } else if (type == NOTE) {
        String id = in.readUTF();
        book.applyNote(id, new Triage.Note(analyst, at, in.readUTF()));
      } else {
        throw new IOException("unknown triage record");
      }
    }
    return book;
  }

  Triage of(String envelopeId) {
    return byId.getOrDefault(envelopeId, Triage.UNTOUCHED);
  }

  void setState(List<String> ids, TriageState state, String analyst, String at, String duplicateOf)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(STATE);
    for (String f : List.of(analyst, at, state.value(), duplicateOf)) {
      out.writeUTF(f);
    }
    out.writeInt(ids.size());
    for (String id : ids) {
      out.writeUTF(id);
    }
    log.append(bytes.toByteArray());
    for (String id : ids) {
      applyState(id, state, analyst, duplicateOf);
    }
  }

  void addNote(String id, String analyst, String at, String text) throws IOException, GeneralSecurityException {
    log.append(record(NOTE, analyst, at, id, text));
    applyNote(id, new Triage.Note(analyst, at, text));
  }

  private void applyState(String id, TriageState state, String analyst, String duplicateOf) {
    Triage t = of(id);
    byId.put(id, new Triage(state, analyst, state == TriageState.DUPLICATE ? duplicateOf : "", t.notes()));
  }

  private void applyNote(String id, Triage.Note note) {
    Triage t = of(id);
    List<Triage.Note> notes = new ArrayList<>(t.notes());
    notes.add(note);
    byId.put(id, new Triage(t.state(), t.analyst(), t.duplicateOf(), List.copyOf(notes)));
  }

  private static byte[] record(byte type, String... fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(type);
    for (String f : fields) {
      out.writeUTF(f);
    }
    return bytes.toByteArray();
  }
}
