// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.store.DurableStore;

/**
 * The hotline's private keyset at rest, encrypted under a passphrase.
 *
 * <p>Format ({@code hotline-relay/private-keyset/v1}): a JSON object with the Argon2id parameters
 * and salt, and Tink's encrypted-keyset JSON. Argon2id turns the passphrase into a 256-bit key,
 * used as an AES-256-GCM {@link Aead} to encrypt the keyset (Tink's own encrypted-keyset format,
 * with the format name as associated data). A wrong passphrase and a damaged file are the same
 * failure, {@link WrongPassphraseException}. Files are created with mode 0600 and never
 * overwritten by {@link #create}.
 */
public final class PrivateKeyFile {
  public static final String FORMAT = "hotline-relay/private-keyset/v1";
  private static final byte[] ASSOCIATED_DATA = FORMAT.getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrivateKeyFile() {}

  /** Writes a new file; refuses to overwrite an existing one. */
  public static void create(Path file, KeysetHandle privateKeyset, char[] passphrase)
      throws IOException, GeneralSecurityException {
    byte[] bytes = serialize(privateKeyset, passphrase, Argon2Parameters.forNewFile());
    writeNew(file, bytes);
  }

  /** Replaces an existing file atomically (rotation), with a fresh salt. */
  public static void replace(Path file, KeysetHandle privateKeyset, char[] passphrase)
      throws IOException, GeneralSecurityException {
    byte[] bytes = serialize(privateKeyset, passphrase, Argon2Parameters.forNewFile());
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    writeNew(temp, bytes);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DurableStore.syncDirectory(file.toAbsolutePath().getParent()); // the rename survives a crash
  }

  /** Opens the file with the passphrase. */
  public static KeysetHandle open(Path file, char[] passphrase)
      throws IOException, WrongPassphraseException, MalformedMessageException {
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new MalformedMessageException("private key file is not JSON");
    }
    if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
      throw new MalformedMessageException("not a hotline private key file");
    }
    JsonNode kdf = tree.path("kdf");
    Argon2Parameters params;
    try {
      if (!"argon2id".equals(kdf.path("algorithm").asText())) {
        throw new MalformedMessageException("unknown key derivation");
      }
      params = new Argon2Parameters(kdf.path("memoryKiB").asInt(), kdf.path("iterations").asInt(),
          kdf.path("parallelism").asInt(), Base64.getDecoder().decode(kdf.path("salt").asText()));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("bad key derivation parameters");
    }
    byte[] key = params.derive(passphrase);
    try {
      AeadConfig.register();
      HybridConfig.register();
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          tree.path("keyset").asText(), wrappingAead(key), ASSOCIATED_DATA);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new WrongPassphraseException();
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] serialize(KeysetHandle keyset, char[] passphrase, Argon2Parameters params)
      throws GeneralSecurityException, IOException {
    byte[] key = params.derive(passphrase);
    try {
      AeadConfig.register();
      String encrypted = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
          keyset, wrappingAead(key), ASSOCIATED_DATA);
      ObjectNode root = JSON.createObjectNode();
      root.put("format", FORMAT);
      ObjectNode kdf = root.putObject("kdf");
      kdf.put("algorithm", "argon2id");
      kdf.put("memoryKiB", params.memoryKiB());
      kdf.put("iterations", params.iterations());
      kdf.put("parallelism", params.parallelism());
      kdf.put("salt", Base64.getEncoder().encodeToString(params.salt()));
      root.put("keyset", encrypted);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Aead wrappingAead(byte[] key) throws GeneralSecurityException {
    AesGcmKey aesKey = AesGcmKey.builder()
        .setParameters(AesGcmParameters.builder()
            .setKeySizeBytes(32)
            .setIvSizeBytes(12)
            .setTagSizeBytes(16)
            .setVariant(AesGcmParameters.Variant.NO_PREFIX)
            .build())
        .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
        .build();
    return KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(aesKey).withRandomId().makePrimary())
        .build()
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** Creates {@code file} with mode 0600 (where the file system has POSIX modes), failing if it exists. */
  static void writeNew(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
      out.write(bytes);
    }
  }
}
