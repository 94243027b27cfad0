package org.hotlinerelay.hotline.keys;

import java.util.concurrent.Callable;
import org.hotlinerelay.protocol.CommandFailure;
import picocli.CommandLine.Command;

/** Hotline keys: generate, rotate, public, fingerprint; relay signing keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Hotline keys: generate, rotate, public, fingerprint; relay signing keys.")
public final class KeysCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CommandFailure.runtime("'keys' is not built yet (issue #2)");
  }
}
