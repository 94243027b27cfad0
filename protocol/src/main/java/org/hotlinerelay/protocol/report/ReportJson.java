// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The wire shape of a report (schema version 1). Field names are part of the contract. */
@JsonPropertyOrder({"v", "id", "receivedHour", "portal", "language", "urls", "inApp", "contentKind",
    "location", "howFound", "details", "contact"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReportJson(
    @JsonProperty(value = "v", required = true) int v,
    @JsonProperty(value = "id", required = true) String id,
    @JsonProperty(value = "receivedHour", required = true) String receivedHour,
    @JsonProperty(value = "portal", required = true) String portal,
    @JsonProperty(value = "language", required = true) String language,
    @JsonProperty(value = "urls", required = true) List<String> urls,
    @JsonProperty(value = "contentKind", required = true) String contentKind,
    @JsonProperty(value = "location", required = true) String location,
    @JsonProperty(value = "howFound", required = true) String howFound,
    @JsonProperty(value = "details", required = true) String details,
    @JsonProperty(value = "contact", required = true) ContactJson contact,
    @JsonProperty(value = "inApp", required = true) InAppJson inApp) {

  @JsonCreator
  ReportJson {}

  static ReportJson of(Report r) {
    ContactJson contact = r.contact() == null ? null
        : new ContactJson(r.contact().name(), r.contact().email(), r.contact().phone());
    InAppJson inApp = r.inApp() == null ? null : new InAppJson(r.inApp().app(), r.inApp().identifier());
    return new ReportJson(Limits.SCHEMA_VERSION, r.id(), r.receivedHour(), r.portal(), r.language(),
        r.urls(), r.contentKind().wireValue(), r.location(), r.howFound(), r.details(), contact, inApp);
  }

  Report toReport() {
    ContentKind kind = ContentKind.fromWire(contentKind)
        .orElseThrow(() -> new IllegalArgumentException("contentKind: invalid"));
    Contact c = contact == null ? null : new Contact(contact.name(), contact.email(), contact.phone());
    InApp where = inApp == null ? null : new InApp(inApp.app(), inApp.identifier());
    return new Report(id, receivedHour, portal, language, urls, kind, location, howFound, details, c, where);
  }

  @JsonPropertyOrder({"name", "email", "phone"})
  record ContactJson(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "email", required = true) String email,
      @JsonProperty(value = "phone", required = true) String phone) {
    @JsonCreator
    ContactJson {}

    @Override
    public String toString() {
      return "ContactJson[redacted]";
    }
  }

  @JsonPropertyOrder({"app", "identifier"})
  record InAppJson(
      @JsonProperty(value = "app", required = true) String app,
      @JsonProperty(value = "identifier", required = true) String identifier) {
    @JsonCreator
    InAppJson {}

    @Override
    public String toString() {
      return "InAppJson[redacted]";
    }
  }

  @Override
  public String toString() {
    return "ReportJson[redacted]";
  }
}
