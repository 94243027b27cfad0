// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.spool.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target for {@link SegmentFormat#read}, the reader of every spool segment at start-up: any
 * bytes in a segment file are read as exactly its whole records (valid id, length inside the file,
 * CRC-32C matching; {@link SegmentRecords} reads them independently) up to the first that is not,
 * and from there to the end is reported damaged; a file without the magic is damaged whole. Any
 * exception (also an {@code IOException}: the file is a readable regular file) is a finding.
 *
 * <p>Each run also changes one byte of one accepted record (not its length field, so that the
 * CRC-32C must catch it: it detects every error burst of up to 32 bits in a message of the same
 * length) and checks that the reader then stops at that record: a changed record is never an
 * entry. Runs its seeds (SegmentFormatFuzzTestInputs/, segments written by the store) in every
 * {@code verify}; fuzzes under {@code -Pfuzz}.
 */
class SegmentFormatFuzzTest {
  private static final String FILE = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  @FuzzTest(maxDuration = "30s")
  void read(byte[] file) throws IOException {
    SegmentRecords expected = SegmentRecords.of(file);
    expected.assertRead(FILE, readAsSegment(file));

    List<SegmentRecords.Whole> records = expected.records();
    if (records.isEmpty()) {
      return;
    }
    int hash = Arrays.hashCode(file);
    int first = records.get(0).start();
    int at = first + Math.floorMod(hash, records.get(records.size() - 1).end() - first);
    int k = 0;
    while (records.get(k).end() <= at) {
      k++;
    }
    int lengthField = records.get(k).start() + 40;
    if (at >= lengthField && at < lengthField + 4) {
      at += 4; // into the CRC field
    }
    byte[] changed = file.clone();
    changed[at] ^= (byte) (1 + Math.floorMod(hash >>> 8, 255));
    expected.cutAt(k).assertRead(FILE, readAsSegment(changed));
  }

  private SegmentFormat.Contents readAsSegment(byte[] bytes) throws IOException {
    Path file = dir.resolve(FILE);
    Files.write(file, bytes);
    return SegmentFormat.read(file, 0);
  }
}
