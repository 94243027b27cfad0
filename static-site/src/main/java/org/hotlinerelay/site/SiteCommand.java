package org.hotlinerelay.site;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Render a partner portal into a folder of static files. */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Render a partner portal into a folder of static files.")
public final class SiteCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'site' is not built yet (issue #5)");
  }
}
