// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.keys.KeysetRefusedException;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeyFileTest {
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  @TempDir static Path dir;
  private static KeysetHandle hotline;
  private static Path file;

  @BeforeAll
  static void write() throws Exception {
    hotline = TestKeys.hotlinePrivate();
    file = dir.resolve("hotline-private.json");
    PrivateKeyFile.create(file, hotline, PASSPHRASE);
  }

  /** A relay given the private key file instead of the public keyset refuses it, and says why. */
  @Test
  void publicKeysetParse_refusesThePrivateKeyFile() throws Exception {
    String text = Files.readString(file);
    KeysetRefusedException e = assertThrows(KeysetRefusedException.class, () -> PublicKeyset.parse(text));
    assertTrue(e.getMessage().contains("private key material"), e.getMessage());
  }

  @Test
  void open_withThePassphrase_opensReportsSealedForIt() throws Exception {
    byte[] sealed = Sealer.create(PublicKeyset.ofPrivate(hotline)).seal(TestReports.typical());
    KeysetHandle opened = PrivateKeyFile.open(file, PASSPHRASE);
    assertEquals(TestReports.typical().details(), Opener.create(opened).open(sealed).details());
  }

  @Test
  void open_withAWrongPassphrase_failsWithTheFixedMessage() {
    WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
        () -> PrivateKeyFile.open(file, "wrong".toCharArray()));
    assertEquals("wrong passphrase or damaged key file", e.getMessage());
  }

  @Test
  void open_aDamagedFile_failsLikeAWrongPassphrase() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(file.toFile());
    ObjectNode keyset = (ObjectNode) json.readTree(root.get("keyset").asText());
    byte[] encrypted = Base64.getDecoder().decode(keyset.get("encryptedKeyset").asText());
    encrypted[encrypted.length / 2] ^= 0x01;
    keyset.put("encryptedKeyset", Base64.getEncoder().encodeToString(encrypted));
    root.put("keyset", json.writeValueAsString(keyset));
    Path copy = dir.resolve("damaged.json");
    json.writeValue(copy.toFile(), root);
    assertThrows(WrongPassphraseException.class, () -> PrivateKeyFile.open(copy, PASSPHRASE));
  }

  @Test
  void file_holdsNoPlainKeyMaterial_andStoresArgon2Parameters() throws Exception {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    assertFalse(json.contains("ASYMMETRIC_PRIVATE"), "key material type would show a plain keyset");
    assertFalse(json.contains("\"value\""));
    assertEquals(true, json.contains("\"memoryKiB\" : 65536") && json.contains("\"iterations\" : 3"), json);
  }

  @Test
  void create_makesTheFileReadableByItsOwnerOnly() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void create_refusesToOverwrite() throws Exception {
    byte[] before = Files.readAllBytes(file);
    assertThrows(FileAlreadyExistsException.class, () -> PrivateKeyFile.create(file, hotline, PASSPHRASE));
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}
