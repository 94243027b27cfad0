// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.hotline.keys.WrongPassphraseException;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * The hotline's key folder: {@value #PRIVATE_FILE} (the HPKE private keyset, encrypted under a
 * passphrase by {@link PrivateKeyFile}: Argon2id 64 MiB / 3 passes → AES-256-GCM, mode 0600) and
 * {@value #PUBLIC_FILE} (the public keyset as plain Tink JSON, for relays).
 *
 * <p>Guarantees: {@link #generate} never overwrites a file; {@link #rotate} keeps every old key,
 * so reports sealed before a rotation still open ({@code HotlineKeysTest}). Rotation writes the
 * private file before the public one: if it stops in between, relays keep sealing with the old
 * key, which the private file still holds — nothing sealed becomes unreadable.
 *
 * <p>Not guaranteed: the passphrase is only as strong as its owner makes it; the private keyset is
 * in memory in the clear while a command runs.
 */
public record HotlineKeys(Path dir) {
  public static final String PRIVATE_FILE = "hotline-private.json";
  public static final String PUBLIC_FILE = "hotline-public.json";

  public HotlineKeys {
    if (dir == null) {
      throw new IllegalArgumentException("key folder is required");
    }
  }

  public Path privateFile() {
    return dir.resolve(PRIVATE_FILE);
  }

  public Path publicFile() {
    return dir.resolve(PUBLIC_FILE);
  }

  /**
   * Makes a new HPKE keyset and writes both files, creating the folder (mode 0700) if it is
   * missing. Refuses with {@link FileAlreadyExistsException} when either file exists.
   */
  public PublicKeyset generate(char[] passphrase) throws IOException, GeneralSecurityException {
    checkCanGenerate();
    KeyFolders.createPrivate(dir);
    HybridConfig.register();
    KeysetHandle keyset = KeysetHandle.generateNew(HpkeSuite.parameters());
    PublicKeyset publicKeyset = PublicKeyset.ofPrivate(keyset);
    PrivateKeyFile.create(privateFile(), keyset, passphrase);
    try {
      KeyFolders.writeNew(publicFile(), publicKeyset.toJson().getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // Leave no private key without its public half: the next generate would refuse to run.
      Files.deleteIfExists(privateFile());
      throw e;
    }
    return publicKeyset;
  }

  /**
   * Fails now, before anyone types a passphrase, if {@link #generate} would fail on the folder:
   * a key file exists, the folder is a file, or its parent is missing.
   */
  public void checkCanGenerate() throws IOException {
    refuseExisting(privateFile());
    refuseExisting(publicFile());
    KeyFolders.checkCanCreate(dir);
  }

  /**
   * Adds a new primary key to the private keyset, keeping the old keys, and rewrites both files.
   * Returns the new public keyset (its fingerprint differs from the old one).
   */
  public PublicKeyset rotate(char[] passphrase)
      throws IOException, GeneralSecurityException, MalformedMessageException {
    KeysetHandle old = openPrivate(passphrase);
    KeysetHandle rotated = KeysetHandle.newBuilder(old)
        .addEntry(KeysetHandle.generateEntryFromParameters(HpkeSuite.parameters())
            .withRandomId()
            .makePrimary())
        .build();
    PublicKeyset publicKeyset = checkedPublic(rotated);
    PrivateKeyFile.replace(privateFile(), rotated, passphrase);
    KeyFolders.replace(publicFile(), publicKeyset.toJson().getBytes(StandardCharsets.UTF_8));
    return publicKeyset;
  }

  /** Opens the private keyset; a wrong passphrase or a changed file gives {@link WrongPassphraseException}. */
  public KeysetHandle openPrivate(char[] passphrase)
      throws IOException, GeneralSecurityException, MalformedMessageException {
    KeysetHandle keyset = PrivateKeyFile.open(privateFile(), passphrase);
    checkedPublic(keyset);
    return keyset;
  }

  /** Reads and checks {@value #PUBLIC_FILE}. */
  public PublicKeyset readPublic() throws IOException, GeneralSecurityException {
    return readPublic(publicFile());
  }

  /** Reads and checks a public keyset file (Tink JSON, public HPKE keys only). */
  public static PublicKeyset readPublic(Path file) throws IOException, GeneralSecurityException {
    return PublicKeyset.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The public half, checked like a relay would check it: HPKE suite only, no secrets. */
  private static PublicKeyset checkedPublic(KeysetHandle privateKeyset) throws GeneralSecurityException {
    return PublicKeyset.parse(PublicKeyset.ofPrivate(privateKeyset).toJson());
  }

  static void refuseExisting(Path file) throws FileAlreadyExistsException {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
  }

  @Override
  public String toString() {
    return "HotlineKeys[" + dir + "]";
  }
}
