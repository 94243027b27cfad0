package org.hotlinerelay.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a person typed into the form (and which portal and language page they used), written as
 * the report the hotline should read: the report schema's JSON without the two values the relay
 * adds ({@code id}, {@code receivedHour}). Written out by hand, not through the product's codec, so
 * a change in what reaches the hotline cannot also change the expectation.
 *
 * @param contact {@code null} when the reporter did not opt in (whatever they typed in the box)
 */
record TypedReport(String portal, String language, List<String> urls, String kind, String location,
    String howFound, String details, Contact contact) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Contact details as typed; "" for a field left empty. */
  record Contact(String name, String email, String phone) {}

  /** A report with only the required fields and the details. */
  static TypedReport minimal(String portal, String language, String url, String kind, String details) {
    return new TypedReport(portal, language, List.of(url), kind, "", "", details, null);
  }

  TypedReport withContact(Contact newContact) {
    return new TypedReport(portal, language, urls, kind, location, howFound, details, newContact);
  }

  /** The expected {@code report} object of an {@code inbox export --format jsonl} line, minus id and hour. */
  ObjectNode json() {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", 1);
    node.put("portal", portal);
    node.put("language", language);
    urls.forEach(node.putArray("urls")::add);
    node.put("contentKind", kind);
    node.put("location", location);
    node.put("howFound", howFound);
    node.put("details", details);
    if (contact == null) {
      node.putNull("contact");
    } else {
      ObjectNode c = node.putObject("contact");
      c.put("name", contact.name());
      c.put("email", contact.email());
      c.put("phone", contact.phone());
    }
    return node;
  }
}
