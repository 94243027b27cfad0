// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path temp;
  Path file;

  @BeforeEach
  void setUp() throws IOException {
    file = temp.resolve(AuditLog.FILE);
    AuditLog log = AuditLog.open(file);
    log.append("alice", "unlock", List.of());
    log.append("alice", "view", List.of("0123456789abcdef0123456789abcdef"));
    log.append("alice", "state-actioned", List.of("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"));
    AuditLog.open(file).append("bob", "note", List.of("fedcba9876543210fedcba9876543210"));
  }

  @Test
  void verify_untouchedLog_passes() throws IOException {
    AuditLog.Verdict v = AuditLog.verify(file);
    assertTrue(v.ok());
    assertEquals(5, v.entries());
    assertEquals(5, lines().size());
  }

  @Test
  void verify_removedEntry_fails() throws IOException {
    List<String> lines = lines();
    lines.remove(2);
    write(lines);
    AuditLog.Verdict v = AuditLog.verify(file);
    assertFalse(v.ok());
    assertEquals(3, v.badLine());
  }

  @Test
  void verify_changedEntry_fails() throws IOException {
    List<String> lines = lines();
    lines.set(1, lines.get(1).replace("alice", "mallory"));
    write(lines);
    AuditLog.Verdict v = AuditLog.verify(file);
    assertFalse(v.ok());
    assertEquals(2, v.badLine());
  }

  @Test
  void verify_reorderedEntries_fail() throws IOException {
    List<String> lines = lines();
    Collections.swap(lines, 1, 2);
    write(lines);
    AuditLog.Verdict v = AuditLog.verify(file);
    assertFalse(v.ok());
    assertEquals(2, v.badLine());
  }

  @Test
  void open_brokenChain_refusesToAppend() throws IOException {
    List<String> lines = lines();
    lines.remove(0);
    write(lines);
    assertThrows(IOException.class, () -> AuditLog.open(file));
  }

  @Test
  void append_refusesFieldsThatCouldCarryContent() throws IOException {
    AuditLog log = AuditLog.open(file);
    assertThrows(IllegalArgumentException.class, () -> log.append("alice\tx", "view", List.of()));
    assertThrows(IllegalArgumentException.class, () -> log.append("alice", "https://x", List.of()));
  }

  private List<String> lines() throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  private void write(List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
