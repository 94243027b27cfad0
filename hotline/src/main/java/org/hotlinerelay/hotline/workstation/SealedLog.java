// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An append-only file of encrypted records: each record is {@code [length: 4 bytes][AEAD
 * ciphertext]}, encrypted under the workstation key with the file's purpose and the record's
 * number as associated data, so a record moved, swapped or copied from another file does not
 * decrypt ({@code SealedLogTest}). A torn last record (a crash during an append) is cut off
 * before the next append; any other damage fails the whole read. The file has mode 0600 and holds
 * no plaintext.
 */
final class SealedLog {
  private static final int MAX_RECORD = 64 << 20;
  private final Path file;
  private final Aead aead;
  private final String purpose;
  private long records = -1;
  private long goodLength;

  SealedLog(Path file, Aead aead, String purpose) {
    this.file = file;
    this.aead = aead;
    this.purpose = purpose;
  }

  /** Every record, decrypted, in order; an empty list when the file does not exist yet. */
  List<byte[]> readAll() throws IOException, GeneralSecurityException {
    List<byte[]> out = new ArrayList<>();
    records = 0;
    goodLength = 0;
    if (!Files.exists(file)) {
      return out;
    }
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    while (in.remaining() >= 4) {
      int length = in.getInt();
      if (length < 0 || length > MAX_RECORD) {
        throw new GeneralSecurityException("damaged record length");
      }
      if (in.remaining() < length) {
        break; // torn tail
      }
      byte[] ciphertext = new byte[length];
      in.get(ciphertext);
      out.add(aead.decrypt(ciphertext, associatedData(records)));
      records++;
      goodLength = in.position();
    }
    return out;
  }

  /** Appends one record, durable when this returns. */
  void append(byte[] plaintext) throws IOException, GeneralSecurityException {
    if (records < 0) {
      readAll();
    }
    byte[] ciphertext = aead.encrypt(plaintext, associatedData(records));
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.WRITE))) {
      out.truncate(goodLength);
      ByteBuffer buffer = ByteBuffer.allocate(4 + ciphertext.length).putInt(ciphertext.length).put(ciphertext).flip();
      out.position(goodLength);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    records++;
    goodLength += 4 + ciphertext.length;
  }

  private byte[] associatedData(long index) {
    return ("hotline-relay/workstation/" + purpose + "/" + index).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "SealedLog[" + purpose + "]";
  }
}
