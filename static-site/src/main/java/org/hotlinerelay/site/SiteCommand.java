// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code site}: the reporting portal's pages. */
@Command(name = "site", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The reporting portal's pages.",
    subcommands = {SiteCommand.Build.class, CheckCommand.class})
public final class SiteCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The portals file, or the command's failure: usage when it is missing or invalid, runtime when unreadable. */
  static PortalsFile readPortals(Path file) {
    try {
      return PortalsFile.read(file);
    } catch (NoSuchFileException e) {
      throw CommandFailure.usage("portals file not found: " + file);
    } catch (IOException e) {
      throw CommandFailure.runtime("cannot read the portals file (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(e.getMessage());
    }
  }

  /** {@code site build}: render a partner portal into a folder of static files. */
  @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Render a partner portal into a folder of plain files that any web host can serve.",
          "The folder holds one page per language and the stylesheet: index.html (the first language),"
              + " <lang>/index.html and assets/site.css. The form posts to <relay-url>report."})
  public static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--portal", required = true, paramLabel = "ID",
        description = "Portal id: from --portals, or 'default' without it.")
    String portalId;

    @Option(names = "--portals", paramLabel = "FILE",
        description = "Portals configuration (JSON). Without it only the 'default' portal exists.")
    Path portalsFile;

    @Option(names = "--relay-url", paramLabel = "URL",
        description = "The relay's base URL: https://…, or http:// to an onion or loopback host. Overrides the portals file.")
    String relayUrl;

    @Option(names = "--lang", split = ",", paramLabel = "LANG",
        description = "Languages, the first being the default; from en, fr, es, pt, ar (default: the portal's).")
    List<String> languages;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (must be empty or absent).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty folder, replacing the portal's files there.")
    boolean force;

    @Override
    public Integer call() {
      Portal portal = portal();
      Site site = Site.load();
      try {
        List<Path> written = new Bundle(site, portal).writeTo(out, force);
        spec.commandLine().getOut().println("Wrote portal '" + portal.id() + "' (" + String.join(", ", portal.languages())
            + ") to " + out + ": " + written.size() + " files. The form posts to " + portal.relayUrl() + "report");
        return ExitCode.OK;
      } catch (IllegalArgumentException e) {
        throw CommandFailure.runtime(e.getMessage());
      } catch (IOException e) {
        throw CommandFailure.runtime("cannot write the portal to " + out + " (" + e.getClass().getSimpleName() + ")");
      }
    }

    private Portal portal() {
      Portal base;
      if (portalsFile != null) {
        base = readPortals(portalsFile).get(portalId);
        if (base == null) {
          throw CommandFailure.usage("no portal with that id in " + portalsFile);
        }
      } else if (portalId.equals("default")) {
        base = Portal.relayDefault(Languages.ALL);
      } else {
        throw CommandFailure.usage("unknown portal: without --portals only 'default' exists");
      }
      String relay = relayUrl != null ? relayUrl : base.relayUrl();
      if (relay.isEmpty()) {
        throw CommandFailure.usage("no relay URL: give --relay-url or set relayUrl in the portals file");
      }
      String normalised = Links.relayBase(relay).orElseThrow(() -> CommandFailure.usage(
          "--relay-url must be https://… (or http:// to an .onion or loopback address), without query or fragment"));
      List<String> langs = languages != null ? languages : base.languages();
      for (String lang : langs) {
        if (!Languages.ALL.contains(lang)) {
          throw CommandFailure.usage("unknown language '" + lang + "' (--lang): the languages are "
              + String.join(", ", Languages.ALL));
        }
      }
      try {
        Portal p = new Portal(base.id(), base.displayName(), langs, normalised, base.accentColour(),
            base.legalUrl(), base.contactUrl());
        PortalsFile.check(p);
        return p;
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(e.getMessage());
      }
    }
  }
}
