// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.Ids;

/**
 * The workstation's audit log: one line per unlock, view of a report, state change, note and
 * export, saying who (the analyst name given at unlock), what (a fixed action word), which report
 * (its envelope id, or {@code -}) and when (UTC, to the second). No report content is ever in it,
 * so it is plaintext (mode 0600) and can be checked without the passphrase.
 *
 * <p>A hash chain: a line is {@code seq TAB when TAB who TAB what TAB report TAB prev TAB hash},
 * {@code prev} the previous line's hash (64 zeros for the first) and {@code hash} the SHA-256 of
 * everything before it on the line. {@link #verify} finds a removed, changed or reordered line
 * ({@code AuditLogTest#verify_removedEntry_fails}, {@code #verify_changedEntry_fails},
 * {@code #verify_reorderedEntries_fail}). It cannot see lines cut off the end, nor a log rewritten
 * whole by someone on the analyst's machine: the chain proves order and integrity, not origin.
 */
public final class AuditLog {
  public static final String FILE = "audit.log";
  private static final String GENESIS = "0".repeat(64);
  /** Analyst names: letters, digits, space, dot, hyphen, underscore; 1-40 characters. */
  public static final Pattern ANALYST = Pattern.compile("[\\p{L}\\p{N} ._-]{1,40}");
  private static final Pattern ACTION = Pattern.compile("[a-z-]{1,20}");
  private final Path file;
  private long seq;
  private String last;

  private AuditLog(Path file, long seq, String last) {
    this.file = file;
    this.seq = seq;
    this.last = last;
  }

  /** Opens (or starts) the log; refuses one whose chain is broken, so nobody appends to it unseen. */
  public static AuditLog open(Path file) throws IOException {
    Verdict v = verify(file);
    if (!v.ok()) {
      throw new IOException("audit log chain broken at line " + v.badLine());
    }
    return new AuditLog(file, v.entries(), v.lastHash());
  }

  /** Appends one line per report id (or one with {@code -} when none), durable when this returns. */
  public synchronized void append(String who, String what, List<String> reportIds) throws IOException {
    if (!ANALYST.matcher(who).matches() || !ACTION.matcher(what).matches()
        || !reportIds.stream().allMatch(Ids::isValid)) {
      throw new IllegalArgumentException("audit fields");
    }
    String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    StringBuilder lines = new StringBuilder();
    long s = seq;
    String prev = last;
    for (String id : reportIds.isEmpty() ? List.of("-") : reportIds) {
      String body = String.join("\t", Long.toString(++s), when, who, what, id, prev);
      prev = sha256(body);
      lines.append(body).append('\t').append(prev).append('\n');
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    seq = s;
    last = prev;
  }

  /**
   * Checks the chain.
   *
   * @param ok true when every line is in sequence, links to the one before and hashes right
   * @param badLine the first bad line (1-based), or 0
   */
  public record Verdict(boolean ok, long entries, long badLine, String lastHash) {}

  public static Verdict verify(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Verdict(true, 0, 0, GENESIS);
    }
    String prev = GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      Optional<String> hash = check(lines.get(i), i + 1, prev);
      if (hash.isEmpty()) {
        return new Verdict(false, i, i + 1, prev);
      }
      prev = hash.get();
    }
    return new Verdict(true, lines.size(), 0, prev);
  }

  private static Optional<String> check(String line, long expectedSeq, String prev) {
    String[] f = line.split("\t", -1);
    if (f.length != 7 || !f[0].equals(Long.toString(expectedSeq)) || !f[5].equals(prev)) {
      return Optional.empty();
    }
    String hash = sha256(line.substring(0, line.lastIndexOf('\t')));
    return hash.equals(f[6]) ? Optional.of(hash) : Optional.empty();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AuditLog[" + seq + " entries]";
  }
}
