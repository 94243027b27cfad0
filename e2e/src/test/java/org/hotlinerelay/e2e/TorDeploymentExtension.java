// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;


import java.nio.file.Files;
import java.util.Optional;
import org.hotlinerelay.e2e.tor.TorBinaries;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link TorDeployment} for the whole run: launched by the first class
 * that asks (launch only: a class calls {@link TorDeployment#awaitReady} after starting its own
 * processes, so they start while Tor bootstraps), kept in the root store, and closed when the run
 * ends, which stops every tor process by PID and fails the run if one is still alive. Without
 * {@code tor} or {@code tor-gencert} the tests fail, naming the package, unless skipping was asked
 * for ({@link Tools#require}).
 */
final class TorDeploymentExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TorDeploymentExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    deployment(context);
  }

  private static TorDeployment deployment(ExtensionContext context) {
    TorBinaries tools = tools();
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TorDeployment.class, k -> {
      try {
        return TorDeployment.launch(tools, Files.createTempDirectory("hotline-relay-tor-"));
      } catch (Exception e) {
        throw new IllegalStateException("the private Tor network did not start", e);
      }
    }, TorDeployment.class);
  }

  private static TorBinaries tools() {
    Optional<TorBinaries> tools = TorBinaries.find();
    Tools.require(tools.isPresent(), "tor and tor-gencert", "apt-get install tor");
    return tools.get();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TorDeployment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return deployment(context);
  }
}
