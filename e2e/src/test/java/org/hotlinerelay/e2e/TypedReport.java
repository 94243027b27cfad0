// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hotlinerelay.protocol.report.ContentKind;

/**
 * What a person typed into the form (and which portal and language page they used), written as
 * the report the hotline should read: the report schema's JSON without the two values the relay
 * adds ({@code id}, {@code receivedHour}). Written out by hand, not through the product's codec, so
 * a change in what reaches the hotline cannot also change the expectation.
 *
 * @param contact {@code null} when the reporter did not opt in (whatever they typed in the box)
 * @param inApp the app and account typed, or {@code null} when none
 */
record TypedReport(String portal, String language, List<String> urls, String kind, String location,
    String howFound, String details, Contact contact, InApp inApp) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Contact details as typed; "" for a field left empty. */
  record Contact(String name, String email, String phone) {}

  /** The app and the account, group or post, as typed. */
  record InApp(String app, String identifier) {}

  /**
   * What a reporter types in every field of the {@code lang} page (the {@code n}th language): an
   * address in each of the form's three address inputs (exotic but valid: upper case, port, query,
   * fragment; an onion; an IDN in the page's script), a different kind each time, text in the page's
   * own script with quotes, markup and line breaks, and contact details (Arabic: an Arabic name).
   */
  static TypedReport everyField(String lang, int n) {
    String script = switch (lang) {
      case "ar" -> "في أسفل الصفحة، الصورة الثالثة";
      case "fr" -> "À côté de l'œuvre « Été »";
      case "es" -> "¿Dónde? En la señal del ñandú";
      case "pt" -> "Atenção: não é o coração";
      default -> "Plain English, with an em dash — and a pound sign £";
    };
    String word = lang.equals("ar") ? "صفحة" : lang.equals("en") ? "page" : "été";
    List<String> urls = List.of(
        "HTTPS://Example.ORG:8443/" + lang + "/A?b=1&c=%20" + n + "&d=x#frag-" + lang,
        "http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion/" + lang,
        "https://" + (lang.equals("ar") ? "مثال" : "bücher") + ".example/" + word + "?q=" + word);
    TypedReport.Contact contact = switch (lang) {
      case "ar" -> new TypedReport.Contact("سامي العلي", "sami.ar@example.org", "+966 11 234 5678");
      case "es" -> new TypedReport.Contact("", "", "(+34) 600.123.456");
      default -> new TypedReport.Contact("Sam O'Neil-" + lang, "sam." + lang + "@example.org", "+44 20 7946 000" + n);
    };
    return new TypedReport("default", lang, urls, ContentKind.values()[n % ContentKind.values().length].wireValue(),
        "\"Gallery\" <b>" + lang + "</b> " + script,
        "a pop-up\nthen a link " + script,
        "password: ünïcödé & <i>" + lang + "</i>\n" + script + "\nΕλληνικά Кириллица 中文", contact, null);
  }

  /** A report with only the required fields and the details. */
  static TypedReport minimal(String portal, String language, String url, String kind, String details) {
    return new TypedReport(portal, language, List.of(url), kind, "", "", details, null, null);
  }

  TypedReport withContact(Contact newContact) {
    return new TypedReport(portal, language, urls, kind, location, howFound, details, newContact, inApp);
  }

  /** A report that says where by the app and account only, with no web address. */
  static TypedReport inAppOnly(String language, String app, String identifier, String kind) {
    return new TypedReport("default", language, List.of(), kind, "", "", "", null, new InApp(app, identifier));
  }

  /** The expected {@code report} object of an {@code inbox export --format jsonl} line, minus id and hour. */
  ObjectNode json() {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", 1);
    node.put("portal", portal);
    node.put("language", language);
    urls.forEach(node.putArray("urls")::add);
    if (inApp == null) {
      node.putNull("inApp");
    } else {
      node.putObject("inApp").put("app", inApp.app()).put("identifier", inApp.identifier());
    }
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
