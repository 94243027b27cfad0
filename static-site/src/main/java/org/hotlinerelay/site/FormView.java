// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Limits;

/**
 * The form page's model: every field with the reporter's value put back and the problems found,
 * each problem both in the summary at the top (linking to the field's id) and beside the field.
 * {@code maxlength} values come from {@link Limits}, so the page and the relay cannot disagree
 * ({@code SiteTest.formPage_maxlengthEqualsProtocolLimits}).
 *
 * <p>Addresses are {@code type=text inputmode=url}, not {@code type=url}: with JavaScript off a
 * browser would block {@code example.org/page} with a bubble in the browser's own language, not the
 * page's, and browsers disagree on what they accept; the relay's 422 says what is wrong in the
 * reporter's language instead. The form has {@code autocomplete=off} (a shared computer must not
 * remember reported addresses) and {@code spellcheck=false} (some spell checkers send text away).
 */
final class FormView {
  /**
   * URL inputs offered: the first always visible, the others in a details box. None is required:
   * a reporter may say where with the app and account instead (the relay's 422 asks for one of the
   * two).
   * Most reports have one address; three keeps the page small. A 422 page shows as many inputs as
   * addresses were sent, up to {@link Limits#MAX_URLS}, so nothing typed is ever dropped.
   */
  static final int URL_INPUTS = 3;

  private final Messages messages;
  private final String lang;
  private final FormValues values;
  private final List<FieldError> errors;

  FormView(Messages messages, String lang, FormValues values, List<FieldError> errors) {
    this.messages = messages;
    this.lang = lang;
    this.values = values;
    this.errors = List.copyOf(errors);
  }

  /** The id of the element a problem links to, or "" when the problem is not about a visible field. */
  static String idOf(String field, int index) {
    return switch (field) {
      case Form.URL -> "url-" + (Math.max(0, Math.min(index, Limits.MAX_URLS - 1)) + 1);
      case Form.KIND, Form.LOCATION, Form.DETAILS, Form.APP -> field;
      case Form.APP_IDENTIFIER -> "app-id";
      case Form.HOW_FOUND -> "how-found";
      case Form.CONTACT_OPT_IN -> "contact-opt-in";
      case Form.CONTACT_NAME -> "contact-name";
      case Form.CONTACT_EMAIL -> "contact-email";
      case Form.CONTACT_PHONE -> "contact-phone";
      default -> "";
    };
  }

  void addTo(Map<String, Object> model) {
    model.put("hasErrors", !errors.isEmpty());
    model.put("errors", errors.stream()
        .map(e -> new ErrorItem(idOf(e.field(), e.index()), message(e))).toList());
    List<String> urls = values.all(Form.URL);
    List<FieldView> urlFields = new ArrayList<>();
    int inputs = Math.min(Limits.MAX_URLS, Math.max(URL_INPUTS, Math.max(urls.size(), maxUrlErrorIndex() + 1)));
    for (int i = 0; i < inputs; i++) {
      String label = i == 0 ? text("form.url.label")
          : text("form.url.extra").replace("{n}", Integer.toString(i + 1));
      String value = i < urls.size() ? urls.get(i) : "";
      urlFields.add(new FieldView("url-" + (i + 1), Form.URL, label, "", value, Limits.URL_MAX,
          "", "url", "", false, 0, errorFor(Form.URL, i)));
    }
    model.put("firstUrl", urlFields.get(0));
    List<FieldView> more = urlFields.subList(1, inputs);
    model.put("moreUrls", more);
    model.put("moreUrlsOpen", more.stream().anyMatch(f -> !f.value().isEmpty() || !f.error().isEmpty()));

    FieldView app = new FieldView(idOf(Form.APP, 0), Form.APP, text("form.app.label"), "", values.first(Form.APP),
        Limits.APP_MAX, "", "", "", false, 0, errorFor(Form.APP, 0));
    FieldView appIdentifier = textField(Form.APP_IDENTIFIER, "form.appIdentifier", Limits.APP_IDENTIFIER_MAX, 0);
    model.put("app", app);
    model.put("appIdentifier", appIdentifier);
    model.put("inAppOpen", List.of(app, appIdentifier).stream().anyMatch(f -> !f.value().isEmpty() || !f.error().isEmpty()));

    String kind = values.first(Form.KIND);
    List<KindOption> kinds = new ArrayList<>();
    for (ContentKind k : ContentKind.values()) {
      String v = k.wireValue();
      kinds.add(new KindOption(kinds.isEmpty() ? Form.KIND : "kind-" + v, v,
          text("form.kind." + v), v.equals(kind)));
    }
    model.put("kinds", kinds);
    model.put("kindError", errorFor(Form.KIND, 0));

    model.put("location", textField(Form.LOCATION, "form.location", Limits.LOCATION_MAX, 0));
    model.put("howFound", textField(Form.HOW_FOUND, "form.howFound", Limits.HOW_FOUND_MAX, 3));
    model.put("details", textField(Form.DETAILS, "form.details", Limits.DETAILS_MAX, 5));

    boolean optedIn = "yes".equals(values.first(Form.CONTACT_OPT_IN));
    FieldView name = contactField(Form.CONTACT_NAME, "contact.name", Limits.CONTACT_NAME_MAX, "", "name");
    FieldView email = contactField(Form.CONTACT_EMAIL, "contact.email", Limits.CONTACT_EMAIL_MAX, "email", "email");
    FieldView phone = contactField(Form.CONTACT_PHONE, "contact.phone", Limits.CONTACT_PHONE_MAX, "tel", "tel");
    String optInError = errorFor(Form.CONTACT_OPT_IN, 0);
    model.put("optedIn", optedIn);
    model.put("optInError", optInError);
    model.put("contactName", name);
    model.put("contactEmail", email);
    model.put("contactPhone", phone);
    model.put("contactOpen", optedIn || !optInError.isEmpty()
        || List.of(name, email, phone).stream().anyMatch(f -> !f.value().isEmpty() || !f.error().isEmpty()));
  }

  private int maxUrlErrorIndex() {
    return errors.stream().filter(e -> e.field().equals(Form.URL)).mapToInt(FieldError::index).max().orElse(0);
  }

  private FieldView textField(String field, String key, int max, int rows) {
    return new FieldView(idOf(field, 0), field, text(key + ".label"), text(key + ".hint"),
        values.first(field), max, "", "", "", false, rows, errorFor(field, 0));
  }

  private FieldView contactField(String field, String key, int max, String type, String autocomplete) {
    return new FieldView(idOf(field, 0), field, text(key), "", values.first(field), max, type, "",
        autocomplete, false, 0, errorFor(field, 0));
  }

  /** The first problem with this field (and, for URLs, this input), as a message; "" if none. */
  private String errorFor(String field, int index) {
    return errors.stream()
        .filter(e -> e.field().equals(field) && (!field.equals(Form.URL) || idOf(field, e.index()).equals(idOf(field, index))))
        .findFirst().map(this::message).orElse("");
  }

  /** An unknown code (a relay newer than these pages) still gets a readable, generic message. */
  private String message(FieldError e) {
    String key = "error." + e.code();
    return messages.all(Languages.DEFAULT).containsKey(key) ? text(key) : text("error.form.invalid");
  }

  private String text(String key) {
    return messages.get(lang, key);
  }

  /** One line of the error summary: a link to {@code href}, or plain text when it is "". */
  record ErrorItem(String href, String message) {}

  /** One radio button of "what did you see". */
  record KindOption(String id, String value, String label, boolean checked) {}
}
