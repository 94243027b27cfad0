// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.util.List;
import java.util.Objects;

/**
 * One report, exactly the allow-listed fields of the design and nothing else. Nothing from HTTP
 * headers or the connection has a place here: the only time is the coarse {@code receivedHour},
 * rounded down by the relay.
 *
 * <p>Validated when built: a report that violates {@link Limits} or the field rules cannot exist,
 * and the constructor's message names the field, never its value. {@link #toString()} prints no
 * field values, so a report can never leak into a log by accident.
 *
 * @param id random report id (32 lower-case hex digits), chosen by the relay
 * @param receivedHour when the relay received it, rounded down to the hour or day, ISO-8601 UTC
 *     ({@code 2026-11-28T16:00Z})
 * @param portal the portal id the form came from
 * @param language the language of the form the reporter used
 * @param urls up to {@link Limits#MAX_URLS} web addresses where the content was seen; none only
 *     when {@code inApp} says where
 * @param contentKind what kind of content
 * @param location where on the page (may be empty)
 * @param howFound how the reporter came across it (may be empty)
 * @param details anything else (may be empty)
 * @param contact contact details, or {@code null} when the reporter stayed anonymous
 * @param inApp the app or service and the account, group or post where it was seen, or
 *     {@code null}; a report has web addresses, this, or both
 */
public record Report(
    String id,
    String receivedHour,
    String portal,
    String language,
    List<String> urls,
    ContentKind contentKind,
    String location,
    String howFound,
    String details,
    Contact contact,
    InApp inApp) {

  public Report {
    Fields.matching("id", id, Fields.ID);
    Fields.matching("receivedHour", receivedHour, Fields.HOUR);
    Fields.matching("portal", portal, Fields.PORTAL_ID);
    Fields.matching("language", language, Fields.LANGUAGE);
    if (urls == null || urls.isEmpty() && inApp == null) {
      throw new IllegalArgumentException("urls: missing (and no app)");
    }
    if (urls.size() > Limits.MAX_URLS) {
      throw new IllegalArgumentException("urls: too many");
    }
    for (String url : urls) {
      Fields.bounded("urls", url, Limits.URL_MAX);
      if (!ReportUrl.isAcceptable(url)) {
        throw new IllegalArgumentException("urls: invalid");
      }
    }
    urls = List.copyOf(urls);
    Objects.requireNonNull(contentKind, "contentKind");
    Fields.bounded("location", location, Limits.LOCATION_MAX);
    Fields.bounded("howFound", howFound, Limits.HOW_FOUND_MAX);
    Fields.bounded("details", details, Limits.DETAILS_MAX);
  }

  /** True when the reporter opted in to give contact details. */
  public boolean hasContact() {
    return contact != null;
  }

  @Override
  public String toString() {
    return "Report[redacted]";
  }
}
