// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code site check}: is a partner's deployed copy still the one the hotline builds? One line per
 * finding ({@link BundleCheck}); exit 0 when every file matches, 2 when anything differs or
 * cannot be read, 1 for a usage error.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check a partner's deployed portal against what 'site build' makes for it today.",
        "The portal is given by its address or a saved copy of its folder. Checked: each file's digest,"
            + " where every form posts, the Content-Security-Policy meta, no script, and the headers"
            + " partners are asked to send. Prints one line per finding. Exit 0: all match; 2: a difference."})
public final class CheckCommand implements Callable<Integer> {
  static final Pattern PORTAL_FIELD = Pattern.compile("<input type=\"hidden\" name=\"portal\" value=\"([a-z0-9-]{1,40})\">");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL|DIR",
      description = "The partner page's address (http(s)://…/, the folder holding index.html) or a saved copy's folder.")
  String where;

  @Option(names = "--portals", required = true, paramLabel = "FILE", description = "Portals configuration (JSON) the bundle is built from.")
  Path portalsFile;

  @Option(names = "--portal", paramLabel = "ID", description = "Portal id (default: the one the copy's front page names).")
  String portalId;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", description = "Time limit per file fetched (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PortalsFile portals = portals();
    BundleSource source = source();
    Portal portal = portal(portals, source);
    BundleCheck check = new BundleCheck(Site.load(), portal, portals);
    List<BundleCheck.Finding> findings = check.check(source);
    PrintWriter out = spec.commandLine().getOut();
    findings.forEach(out::println);
    out.println((findings.isEmpty() ? "OK: " : "DIFFERS: ") + check.paths().size() + " files of portal '" + portal.id()
        + "' checked, " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s"));
    out.flush();
    return findings.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
  }

  private PortalsFile portals() {
    return SiteCommand.readPortals(portalsFile);
  }

  private BundleSource source() {
    String lower = where.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        return BundleSource.web(URI.create(where), Duration.ofSeconds(Math.max(1, timeoutSeconds)));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage("the address is not a valid http(s) URL");
      }
    }
    Path dir = Path.of(where);
    if (!Files.isDirectory(dir)) {
      throw CommandFailure.usage("give an http(s):// address or the folder of a saved copy: " + where + " is neither");
    }
    return BundleSource.folder(dir);
  }

  /** The portal to compare with: --portal, else the id in the copy's index.html. */
  private Portal portal(PortalsFile portals, BundleSource source) throws InterruptedException {
    String id = portalId;
    if (id == null) {
      try {
        BundleSource.Fetched index = source.fetch("index.html");
        if (index.status() != 200) {
          String there = source.hasHeaders() ? "at " + where + " (HTTP " + index.status() + ")" : "in " + where;
          throw CommandFailure.runtime("no index.html " + there + ": give the address or folder that holds the copy's index.html");
        }
        Matcher m = PORTAL_FIELD.matcher(new String(index.body(), StandardCharsets.UTF_8));
        if (!m.find()) {
          throw CommandFailure.runtime("the copy's index.html names no portal: give --portal");
        }
        id = m.group(1);
      } catch (IOException e) {
        throw CommandFailure.runtime("cannot fetch index.html (" + e.getClass().getSimpleName() + "): check the address");
      }
    }
    Portal portal = portals.get(id);
    if (portal == null) {
      throw CommandFailure.usage("no portal '" + id + "' in " + portalsFile);
    }
    if (portal.relayUrl().isEmpty()) {
      throw CommandFailure.usage("portal '" + id + "' has no relayUrl: it has no bundle to check");
    }
    return portal;
  }
}
