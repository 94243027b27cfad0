// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keys}: the hotline's HPKE keys and relays' signing keys. The picocli glue only: the work
 * is in {@link HotlineKeys} and {@link RelaySigningFiles}; failures become one {@code Error:} line
 * ({@link KeyFailures}) — exit 1 for usage, 2 for everything else.
 */
@Command(
    name = "keys",
    sortOptions = false,
    description = {
      "Hotline keys: make, rotate and show the key relays seal reports with; make relay signing keys.",
      "The private keyset is stored encrypted under a passphrase (Argon2id 64 MiB, 3 passes -> AES-256-GCM),"
          + " mode 0600; the public keyset is plain Tink JSON for relays."
    },
    subcommands = {
      KeysCommand.Generate.class,
      KeysCommand.Rotate.class,
      KeysCommand.Public.class,
      KeysCommand.Fingerprint.class,
      KeysCommand.RelaySigning.class
    },
    footerHeading = "%nPassphrase:%n",
    footer = {
      "  1. --passphrase-file FILE: the first line of FILE;",
      "  2. else the environment variable " + PassphraseOptions.ENV + ";",
      "  3. else a prompt on the terminal, without echo (asked twice for a new key).",
      "  A new key needs at least " + PassphraseOptions.MIN_NEW_LENGTH + " characters. Without the passphrase",
      "  no report sealed for the key can be opened: keep it as safe as the key file.",
      "%nExit codes: 0 done, 1 usage error, 2 failure (wrong passphrase, missing file,",
      "file exists, ...), each failure with one line 'Error: ...' on stderr."
    })
public final class KeysCommand {
  @Mixin HelpOption help;

  /** {@code -h/--help} and {@code -V/--version}; the launcher supplies the version. */
  static final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;
  }

  @Command(
      name = "generate",
      sortOptions = false,
      description = {
        "Make a new hotline keyset: DIR/" + HotlineKeys.PRIVATE_FILE + " (encrypted, mode 0600) and DIR/"
            + HotlineKeys.PUBLIC_FILE + " (for relays). Prints the fingerprint relays pin.",
        "Never overwrites a file."
      })
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
        description = "Folder for the key files; created with mode 0700 if missing (its parent must exist).")
    Path dir;

    @Mixin PassphraseOptions passphrase;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
      HotlineKeys keys = new HotlineKeys(dir);
      try {
        keys.checkCanGenerate();
      } catch (IOException e) {
        throw KeyFailures.explain(e, keys.privateFile());
      }
      char[] secret = passphrase.forNewKey();
      try {
        PublicKeyset made = keys.generate(secret);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Private key: " + keys.privateFile() + " (encrypted under the passphrase; keep it and the passphrase safe)");
        out.println("Public key:  " + keys.publicFile() + " (give it to your relays)");
        out.println("Fingerprint: " + made.fingerprint());
        return ExitCode.OK;
      } catch (IOException | GeneralSecurityException e) {
        throw KeyFailures.explain(e, keys.privateFile());
      } finally {
        Arrays.fill(secret, '\0');
      }
    }
  }

  @Command(
      name = "rotate",
      sortOptions = false,
      description = {
        "Add a new primary key to DIR/" + HotlineKeys.PRIVATE_FILE + ", keeping the old keys so reports sealed"
            + " before still open; rewrite DIR/" + HotlineKeys.PUBLIC_FILE + ". Prints the new fingerprint.",
        "The passphrase stays the same. Give the new public file to every relay."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder holding the key files.")
    Path dir;

    @Mixin PassphraseOptions passphrase;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
      HotlineKeys keys = new HotlineKeys(dir);
      requireFile(keys.privateFile());
      char[] secret = passphrase.existing();
      try {
        PublicKeyset rotated = keys.rotate(secret);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Rotated: " + keys.privateFile() + " now holds " + rotated.handle().size() + " keys; new public key in " + keys.publicFile());
        out.println("Fingerprint: " + rotated.fingerprint());
        return ExitCode.OK;
      } catch (IOException | GeneralSecurityException | MalformedMessageException e) {
        throw KeyFailures.explain(e, keys.privateFile());
      } finally {
        Arrays.fill(secret, '\0');
      }
    }
  }

  /** Where a public keyset comes from: a key folder or one file. */
  static final class PublicSource {
    @Option(names = "--dir", paramLabel = "DIR", description = "Key folder: reads DIR/" + HotlineKeys.PUBLIC_FILE + ".")
    Path dir;

    @Option(names = "--public", paramLabel = "FILE", description = "A public keyset file (Tink JSON).")
    Path file;

    Path file() {
      return file != null ? file : new HotlineKeys(dir).publicFile();
    }

    PublicKeyset read() {
      Path source = file();
      try {
        return HotlineKeys.readPublic(source);
      } catch (IOException | GeneralSecurityException e) {
        throw KeyFailures.explain(e, source);
      }
    }
  }

  @Command(name = "public", sortOptions = false,
      description = "Print the public keyset (Tink JSON), checked: public HPKE keys only.")
  static final class Public implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PublicSource source;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
      PublicKeyset keyset = source.read();
      try {
        String json = keyset.toJson();
        // The same bytes as hotline-public.json: "keys public > hotline-public.json" makes that file.
        spec.commandLine().getOut().print(json.endsWith("\n") ? json : json + "\n");
        spec.commandLine().getOut().flush();
      } catch (GeneralSecurityException e) {
        throw KeyFailures.explain(e, source.file());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "fingerprint", sortOptions = false,
      description = "Print the fingerprint of the public keyset: 128 bits of SHA-256, in groups of four hex digits."
          + " Relays pin it; it changes with every rotation.")
  static final class Fingerprint implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PublicSource source;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(source.read().fingerprint());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "relay-signing",
      sortOptions = false,
      description = {
        "Make a relay's Ed25519 signing key: DIR/" + RelaySigningFiles.SIGNING_FILE + " (mode 0600, stays on the relay)"
            + " and DIR/relay-ID.public.json (copy it to the hotline's folder of known relays).",
        "Never overwrites a file."
      })
  static final class RelaySigning implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--relay-id", required = true, paramLabel = "ID",
        description = "The relay's name in envelopes: 1-64 of a-z, 0-9 and '-', not starting with '-'.")
    String relayId;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
        description = "Folder for the key files; created with mode 0700 if missing (its parent must exist).")
    Path dir;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
      if (!Envelope.RELAY_ID.matcher(relayId).matches()) {
        throw CommandFailure.usage("bad relay id: use 1-64 of a-z, 0-9 and '-', not starting with '-'");
      }
      RelaySigningFiles files = new RelaySigningFiles(dir, relayId);
      try {
        files.generate();
      } catch (IOException | GeneralSecurityException e) {
        throw KeyFailures.explain(e, files.signingFile());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Signing key: " + files.signingFile() + " (for relay " + relayId + "; keep it on the relay)");
      out.println("Public key:  " + files.publicFile() + " (copy it to the hotline's known relays)");
      return ExitCode.OK;
    }
  }

  private static void requireFile(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw CommandFailure.runtime("not found: " + file);
    }
  }
}
