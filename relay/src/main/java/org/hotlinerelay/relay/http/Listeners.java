// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.relay.Metrics;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.form.ReportForm;
import org.hotlinerelay.site.Portal;
import org.hotlinerelay.site.Site;
import org.xnio.Options;

/**
 * How the relay's listeners are built: every Undertow limit set explicitly, and the handler
 * chains. Never installed here or anywhere: access logs, request dumping, proxy-address handlers,
 * session or cookie handlers.
 */
public final class Listeners {
  /** Most request headers, and most bytes of the whole header block. */
  public static final int MAX_HEADERS = 40;
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /**
   * Worker threads: they only parse, validate, seal and render (CPU) — the spool's own threads wait
   * on the disk and the answer is sent when the envelope is durable — so a few per core suffice.
   */
  static final int WORKER_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  /** Undertow's entity limit: past everything {@link ReportHandler} reads ({@link ReportHandler#DRAIN_BYTES}). */
  static final long ENTITY_LIMIT = 2 * ReportHandler.DRAIN_BYTES;

  private Listeners() {}

  /** An Undertow builder with every limit set; the caller adds listeners. */
  public static Undertow.Builder server(RelayConfig.Timeouts timeouts) {
    return Undertow.builder()
        .setIoThreads(2)
        .setWorkerThreads(WORKER_THREADS)
        // Beyond the report handler's own limits (BodyReader), so that Undertow never refuses a
        // body itself: its refusal resets the connection and prints a stack trace per request.
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, ENTITY_LIMIT)
        .setServerOption(UndertowOptions.MAX_BUFFERED_REQUEST_SIZE, Limits.MAX_FORM_BYTES)
        .setServerOption(UndertowOptions.MAX_PARAMETERS, Limits.MAX_FORM_PARAMETERS)
        .setServerOption(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .setServerOption(UndertowOptions.MAX_COOKIES, 0)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) timeouts.requestParse().toMillis())
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) timeouts.noRequest().toMillis())
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) timeouts.idle().toMillis())
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
        .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
        .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
        .setSocketOption(Options.BACKLOG, 1024);
  }

  /**
   * The reporting listener's chain: security headers → guard → routes.
   *
   * @param partners portals answered with their own pages at {@code /p/<id>/}, by id
   * @param allowed every portal id whose reports are taken
   */
  public static HttpHandler reporting(Site site, Portal portal, Map<String, Portal> partners, Set<String> allowed,
      ReportForm form, Spooler spooler, Metrics metrics, RelayConfig config) {
    Pages pages = new Pages(site, portal, List.copyOf(allowed), partners);
    ReportHandler report = new ReportHandler(pages, form, spooler, metrics, config.timeouts().body());
    return secured(new Router(pages, report), config);
  }

  /** Any handler with the security headers and the guard (the admin listener uses it too). */
  public static HttpHandler secured(HttpHandler next, RelayConfig config) {
    return new SecurityHeaders(new Guard(next), config.formActionOrigins(), config.onionLocation());
  }
}
