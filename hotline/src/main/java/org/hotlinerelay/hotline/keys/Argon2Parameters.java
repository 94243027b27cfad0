// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Argon2id parameters for turning a passphrase into the 256-bit key that wraps a private keyset.
 * Stored beside the ciphertext, so a file made with stronger parameters still opens.
 *
 * @param memoryKiB memory cost in KiB ({@link #MIN_MEMORY_KIB} for new files)
 * @param iterations passes over memory (at least {@link #MIN_ITERATIONS} when generating)
 * @param parallelism lanes
 * @param salt random, 16 bytes or more
 */
record Argon2Parameters(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  static final int MIN_MEMORY_KIB = 64 * 1024;
  static final int MIN_ITERATIONS = 3;
  /** Upper bounds for files we open: a crafted file must not make us allocate without limit. */
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  static final int MAX_ITERATIONS = 64;

  Argon2Parameters {
    if (memoryKiB < 8 || memoryKiB > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
        || parallelism < 1 || parallelism > 16 || salt == null || salt.length < 16) {
      throw new IllegalArgumentException("Argon2 parameters out of range");
    }
    salt = salt.clone();
  }

  /** The parameters new key files get: 64 MiB, 3 passes, 1 lane, a fresh salt. */
  static Argon2Parameters forNewFile() {
    byte[] salt = new byte[16];
    new java.security.SecureRandom().nextBytes(salt);
    return new Argon2Parameters(MIN_MEMORY_KIB, MIN_ITERATIONS, 1, salt);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** Derives a 32-byte key. The caller clears it after use. */
  byte[] derive(char[] passphrase) {
    org.bouncycastle.crypto.params.Argon2Parameters params =
        new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
            .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] key = new byte[32];
    generator.generateBytes(passphrase, key);
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Argon2Parameters p && p.memoryKiB == memoryKiB && p.iterations == iterations
        && p.parallelism == parallelism && Arrays.equals(p.salt, salt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(salt) * 31 + memoryKiB;
  }

  @Override
  public String toString() {
    return "Argon2id[m=" + memoryKiB + "KiB,t=" + iterations + ",p=" + parallelism + "]";
  }
}
