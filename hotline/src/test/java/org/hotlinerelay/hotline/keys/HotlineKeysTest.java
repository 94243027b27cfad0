// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argon2id costs ~0.3 s per key-file operation: each test does only the ones it needs. */
class HotlineKeysTest {
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @TempDir Path temp;

  @Test
  void generate_sealWithPublicFile_opensWithPrivateFileAndPassphrase() throws Exception {
    HotlineKeys keys = new HotlineKeys(temp.resolve("keys"));
    PublicKeyset made = keys.generate(PASSPHRASE.clone());

    // Exactly what a relay and a hotline analyst do: only the files and the passphrase.
    PublicKeyset fromFile = PublicKeyset.parse(Files.readString(keys.publicFile()));
    Report report = TestReports.typical();
    byte[] sealed = Sealer.create(fromFile).seal(report);
    KeysetHandle opened = PrivateKeyFile.open(keys.privateFile(), PASSPHRASE.clone());

    assertEquals(report, Opener.create(opened).open(sealed));
    assertEquals(made.fingerprint(), fromFile.fingerprint());
  }

  @Test
  void generate_privateFileIsMode0600AndHoldsNoPlainKey() throws Exception {
    HotlineKeys keys = new HotlineKeys(temp.resolve("keys"));
    keys.generate(PASSPHRASE.clone());

    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keys.privateFile()));
    assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(keys.dir()));
    Set<PosixFilePermission> publicMode = Files.getPosixFilePermissions(keys.publicFile());
    assertTrue(publicMode.contains(PosixFilePermission.OWNER_READ));
    String privateText = Files.readString(keys.privateFile(), StandardCharsets.UTF_8);
    assertTrue(privateText.contains(PrivateKeyFile.FORMAT));
    assertFalse(privateText.contains("ASYMMETRIC_PRIVATE"), "keyset must be encrypted, not plain Tink JSON");
  }

  @Test
  void generate_refusesToOverwriteEitherFile() throws Exception {
    HotlineKeys keys = new HotlineKeys(temp);
    Files.writeString(keys.publicFile(), "keep me");

    assertThrows(FileAlreadyExistsException.class, () -> keys.generate(PASSPHRASE.clone()));
    assertEquals("keep me", Files.readString(keys.publicFile()));
    assertFalse(Files.exists(keys.privateFile()));

    Files.delete(keys.publicFile());
    Files.writeString(keys.privateFile(), "keep me too");
    assertThrows(FileAlreadyExistsException.class, () -> keys.generate(PASSPHRASE.clone()));
    assertEquals("keep me too", Files.readString(keys.privateFile()));
    assertFalse(Files.exists(keys.publicFile()));
  }

  @Test
  void rotate_reportsSealedBeforeAndAfterBothOpen_andFingerprintChanges() throws Exception {
    HotlineKeys keys = new HotlineKeys(temp.resolve("keys"));
    PublicKeyset first = keys.generate(PASSPHRASE.clone());
    Report before = TestReports.typical();
    byte[] sealedBefore = Sealer.create(HotlineKeys.readPublic(keys.publicFile())).seal(before);

    PublicKeyset second = keys.rotate(PASSPHRASE.clone());
    PublicKeyset secondFromFile = HotlineKeys.readPublic(keys.publicFile());
    Report after = TestReports.minimal();
    byte[] sealedAfter = Sealer.create(secondFromFile).seal(after);

    assertNotEquals(first.fingerprint(), second.fingerprint());
    assertEquals(second.fingerprint(), secondFromFile.fingerprint());
    assertEquals(2, secondFromFile.handle().size());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keys.privateFile()));
    Opener opener = Opener.create(keys.openPrivate(PASSPHRASE.clone()));
    assertEquals(before, opener.open(sealedBefore));
    assertEquals(after, opener.open(sealedAfter));
    // The new report is sealed under the new key, not the old one.
    assertThrows(Exception.class, () -> Opener.create(first.handle()).open(sealedAfter));
  }

  @Test
  void rotate_wrongPassphrase_failsAndChangesNothing() throws Exception {
    HotlineKeys keys = new HotlineKeys(temp.resolve("keys"));
    keys.generate(PASSPHRASE.clone());
    byte[] privateBefore = Files.readAllBytes(keys.privateFile());
    byte[] publicBefore = Files.readAllBytes(keys.publicFile());

    assertThrows(WrongPassphraseException.class, () -> keys.rotate("not the passphrase".toCharArray()));

    assertEquals(new String(privateBefore, StandardCharsets.UTF_8), Files.readString(keys.privateFile()));
    assertEquals(new String(publicBefore, StandardCharsets.UTF_8), Files.readString(keys.publicFile()));
  }
}
