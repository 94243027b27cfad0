// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedLogTest {
  @TempDir Path temp;
  Aead aead;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    AeadConfig.register();
    aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  @Test
  void append_thenReadAll_givesBackRecordsInOrder() throws Exception {
    Path file = temp.resolve("log");
    SealedLog log = new SealedLog(file, aead, "test");
    log.append(bytes("one"));
    log.append(bytes("two"));
    List<byte[]> read = new SealedLog(file, aead, "test").readAll();
    assertEquals(2, read.size());
    assertArrayEquals(bytes("two"), read.get(1));
  }

  @Test
  void swappedRecords_doNotDecrypt() throws Exception {
    Path file = temp.resolve("log");
    SealedLog log = new SealedLog(file, aead, "test");
    log.append(bytes("aaaa"));
    log.append(bytes("bbbb"));
    byte[] all = Files.readAllBytes(file);
    int half = all.length / 2;
    byte[] swapped = new byte[all.length];
    System.arraycopy(all, half, swapped, 0, half);
    System.arraycopy(all, 0, swapped, half, half);
    Files.write(file, swapped);
    assertThrows(GeneralSecurityException.class, () -> new SealedLog(file, aead, "test").readAll());
  }

  @Test
  void otherPurpose_doesNotDecrypt() throws Exception {
    Path file = temp.resolve("log");
    new SealedLog(file, aead, "index").append(bytes("x"));
    assertThrows(GeneralSecurityException.class, () -> new SealedLog(file, aead, "triage").readAll());
  }

  @Test
  void tornTail_isCutBeforeTheNextAppend() throws Exception {
    Path file = temp.resolve("log");
    new SealedLog(file, aead, "test").append(bytes("kept"));
    byte[] all = Files.readAllBytes(file);
    byte[] torn = Arrays.copyOf(all, all.length + 10);
    ByteBuffer.wrap(torn, all.length, 4).putInt(100);
    Files.write(file, torn);
    SealedLog log = new SealedLog(file, aead, "test");
    assertEquals(1, log.readAll().size());
    log.append(bytes("next"));
    List<byte[]> read = new SealedLog(file, aead, "test").readAll();
    assertEquals(2, read.size());
    assertArrayEquals(bytes("next"), read.get(1));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
