// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A directory authority of the private network, made before any tor starts: its v3 authority
 * key and certificate from {@code tor-gencert}, its relay identity from
 * {@code tor --list-fingerprint}, and the {@code DirAuthority} line every node of the network is
 * given instead of the public authorities.
 *
 * @param dirAuthorityLine {@code DirAuthority NAME orport=P v3ident=V3 127.0.0.1:DIRPORT FINGERPRINT}
 */
record DirectoryAuthority(String name, Path dir, int orPort, int dirPort, String dirAuthorityLine) {
  /** The authority keys' passphrase is empty: they live in a temporary directory for one run. */
  static DirectoryAuthority create(TorBinaries tools, String name, Path dir, int orPort, int dirPort)
      throws IOException, InterruptedException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    run(dir, List.of(tools.gencert(), "--create-identity-key", "--passphrase-fd", "0",
        "-i", keys.resolve("authority_identity_key").toString(),
        "-s", keys.resolve("authority_signing_key").toString(),
        "-c", keys.resolve("authority_certificate").toString(),
        "-m", "12", "-a", "127.0.0.1:" + dirPort));
    run(dir, List.of(tools.tor(), "--ignore-missing-torrc", "-f", dir.resolve("no-torrc").toString(),
        "--defaults-torrc", dir.resolve("no-torrc").toString(), "--orport", "1",
        "--datadirectory", dir.toString(), "--list-fingerprint"));
    String v3ident = field(keys.resolve("authority_certificate"), "fingerprint");
    String fingerprint = Files.readString(dir.resolve("fingerprint")).strip().split("\\s+")[1];
    String line = "DirAuthority " + name + " orport=" + orPort + " no-v2 v3ident=" + v3ident
        + " 127.0.0.1:" + dirPort + " " + fingerprint;
    return new DirectoryAuthority(name, dir, orPort, dirPort, line);
  }

  /** The torrc lines that make a node with this identity a voting authority on loopback. */
  List<String> torrcLines() {
    return List.of(
        "AuthoritativeDirectory 1",
        "V3AuthoritativeDirectory 1",
        "ContactInfo " + name + "@authority.invalid",
        "ORPort 127.0.0.1:" + orPort,
        "DirPort 127.0.0.1:" + dirPort);
  }

  private static String field(Path certificate, String keyword) throws IOException {
    for (String line : Files.readAllLines(certificate)) {
      if (line.startsWith(keyword + " ")) {
        return line.substring(keyword.length() + 1).strip();
      }
    }
    throw new IOException(certificate + " has no " + keyword + " line");
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("keygen.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    process.getOutputStream().write("\n".getBytes(StandardCharsets.US_ASCII)); // the empty passphrase
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(command.get(0) + " did not finish; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed with " + process.exitValue() + "; see " + log);
    }
  }
}
