// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Limits;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportUrl;
import org.hotlinerelay.protocol.report.TextNormaliser;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.Form;
import org.hotlinerelay.site.FormValues;
import org.hotlinerelay.site.Languages;

/**
 * Turns the allow-listed fields of a form POST into a {@link Report} or a list of problems. The
 * report is made only of these fields plus a random id and the coarse time: nothing from headers
 * or the connection can reach it, because this class never sees them ({@code PrivacyCanaryTest}).
 *
 * <p>Rules: text is normalised ({@link TextNormaliser}: NFC, line breaks unified, nothing removed)
 * and lengths are counted in UTF-16 code units after that (what the form's {@code maxlength}
 * counts), against {@link Limits}; a field holding a
 * control character is refused ({@link ErrorCode#TEXT_CONTROL}), an address holding an invisible
 * or bidirectional control character too ({@link ErrorCode#URL_INVISIBLE}): what the reporter
 * typed is kept exactly or refused with a reason, never silently changed. Empty address inputs are
 * ignored; where it was seen is required: at least one web address, or the app with the account,
 * group or post ({@link InApp}), or both; contact details are read only when
 * {@code contact_opt_in=yes}; the portal must be allowed. An unknown language is not the
 * reporter's fault (it is a hidden field): the default language is used instead.
 */
public final class ReportForm {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("[\\p{Nd}+()\\-. ]+");

  private final Set<String> allowedPortals;
  private final String defaultLanguage;
  private final CoarseTime granularity;
  private final Clock clock;

  public ReportForm(Set<String> allowedPortals, String defaultLanguage, CoarseTime granularity, Clock clock) {
    this.allowedPortals = Set.copyOf(allowedPortals);
    this.defaultLanguage = defaultLanguage;
    this.granularity = granularity;
    this.clock = clock;
  }

  /** Validates the parsed fields (from {@link FormBody#parse}). */
  public Submission validate(Map<String, List<String>> fields) {
    String lang = language(first(fields, Form.LANG));
    String portal = first(fields, Form.PORTAL);
    if (!first(fields, Form.HONEYPOT).isBlank()) {
      return new Submission.Trap(lang, allowedPortals.contains(portal) ? portal : "");
    }
    List<FieldError> errors = new ArrayList<>();
    if (!allowedPortals.contains(portal)) {
      errors.add(error(Form.PORTAL, ErrorCode.PORTAL_UNKNOWN));
      portal = "";
    }
    List<String> urls = urls(fields.getOrDefault(Form.URL, List.of()), errors);
    String app = TextNormaliser.singleLine(first(fields, Form.APP));
    String appIdentifier = TextNormaliser.singleLine(first(fields, Form.APP_IDENTIFIER));
    InApp inApp = inApp(app, appIdentifier, errors);
    if (urls.isEmpty() && app.isEmpty() && appIdentifier.isEmpty()) {
      errors.add(error(Form.URL, ErrorCode.URL_REQUIRED));
    }
    Optional<ContentKind> kind = kind(first(fields, Form.KIND), errors);
    String location = bounded(Form.LOCATION, TextNormaliser.singleLine(first(fields, Form.LOCATION)),
        Limits.LOCATION_MAX, ErrorCode.LOCATION_TOO_LONG, errors);
    String howFound = bounded(Form.HOW_FOUND, TextNormaliser.multiLine(first(fields, Form.HOW_FOUND)),
        Limits.HOW_FOUND_MAX, ErrorCode.HOW_FOUND_TOO_LONG, errors);
    String details = bounded(Form.DETAILS, TextNormaliser.multiLine(first(fields, Form.DETAILS)),
        Limits.DETAILS_MAX, ErrorCode.DETAILS_TOO_LONG, errors);
    String name = TextNormaliser.singleLine(first(fields, Form.CONTACT_NAME));
    String email = TextNormaliser.singleLine(first(fields, Form.CONTACT_EMAIL));
    String phone = TextNormaliser.singleLine(first(fields, Form.CONTACT_PHONE));
    boolean optedIn = "yes".equals(first(fields, Form.CONTACT_OPT_IN));
    Contact contact = optedIn ? contact(name, email, phone, errors) : null;
    if (!optedIn && !(name.isEmpty() && email.isEmpty() && phone.isEmpty())) {
      // Neither send details the reporter did not agree to send, nor drop them silently while
      // they think the hotline can reach them: ask them to choose.
      errors.add(error(Form.CONTACT_OPT_IN, ErrorCode.CONTACT_OPT_IN_MISSING));
    }
    if (!errors.isEmpty()) {
      return new Submission.Invalid(lang, portal, kept(fields), errors);
    }
    Report report = new Report(Ids.random(), granularity.stamp(clock), portal, lang, urls,
        kind.orElseThrow(), location, howFound, details, contact, inApp);
    return new Submission.Valid(lang, report);
  }

  private String language(String lang) {
    return Languages.ALL.contains(lang) ? lang : defaultLanguage;
  }

  private static List<String> urls(List<String> raw, List<FieldError> errors) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String url = TextNormaliser.singleLine(raw.get(i));
      if (url.isEmpty()) {
        continue;
      }
      if (url.length() > Limits.URL_MAX) {
        errors.add(new FieldError(Form.URL, i, ErrorCode.URL_TOO_LONG.code()));
      } else if (ReportUrl.hasInvisible(url)) {
        errors.add(new FieldError(Form.URL, i, ErrorCode.URL_INVISIBLE.code()));
      } else if (!ReportUrl.isAcceptable(url)) {
        errors.add(new FieldError(Form.URL, i, ErrorCode.URL_INVALID.code()));
      }
      urls.add(url);
    }
    if (urls.size() > Limits.MAX_URLS) {
      errors.add(error(Form.URL, ErrorCode.URL_TOO_MANY));
    }
    return urls;
  }

  /**
   * The app and the account, group or post, or null when neither was typed. One without the other
   * is a problem only when there is no web address either: with an address, a lone app or account
   * is still asked for, so that nothing typed is dropped.
   */
  private static InApp inApp(String app, String identifier, List<FieldError> errors) {
    int before = errors.size();
    bounded(Form.APP, app, Limits.APP_MAX, ErrorCode.APP_TOO_LONG, errors);
    bounded(Form.APP_IDENTIFIER, identifier, Limits.APP_IDENTIFIER_MAX, ErrorCode.APP_IDENTIFIER_TOO_LONG, errors);
    if (app.isEmpty() && identifier.isEmpty()) {
      return null;
    }
    if (app.isEmpty()) {
      errors.add(error(Form.APP, ErrorCode.APP_REQUIRED));
    } else if (identifier.isEmpty()) {
      errors.add(error(Form.APP_IDENTIFIER, ErrorCode.APP_IDENTIFIER_REQUIRED));
    }
    // Made only from values with no problem named: a refused character or length is a 422, never a 500.
    return errors.size() > before ? null : new InApp(app, identifier);
  }

  private static Optional<ContentKind> kind(String raw, List<FieldError> errors) {
    if (raw.isBlank()) {
      errors.add(error(Form.KIND, ErrorCode.KIND_REQUIRED));
      return Optional.empty();
    }
    Optional<ContentKind> kind = ContentKind.fromWire(raw.strip());
    if (kind.isEmpty()) {
      errors.add(error(Form.KIND, ErrorCode.KIND_INVALID));
    }
    return kind;
  }

  private static Contact contact(String name, String email, String phone, List<FieldError> errors) {
    int before = errors.size();
    bounded(Form.CONTACT_NAME, name, Limits.CONTACT_NAME_MAX, ErrorCode.CONTACT_NAME_TOO_LONG, errors);
    if (TextNormaliser.firstRefused(email) >= 0) {
      errors.add(error(Form.CONTACT_EMAIL, ErrorCode.TEXT_CONTROL));
    } else if (email.length() > Limits.CONTACT_EMAIL_MAX) {
      errors.add(error(Form.CONTACT_EMAIL, ErrorCode.CONTACT_EMAIL_TOO_LONG));
    } else if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      errors.add(error(Form.CONTACT_EMAIL, ErrorCode.CONTACT_EMAIL_INVALID));
    }
    if (TextNormaliser.firstRefused(phone) >= 0) {
      errors.add(error(Form.CONTACT_PHONE, ErrorCode.TEXT_CONTROL));
    } else if (phone.length() > Limits.CONTACT_PHONE_MAX) {
      errors.add(error(Form.CONTACT_PHONE, ErrorCode.CONTACT_PHONE_TOO_LONG));
    } else if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
      errors.add(error(Form.CONTACT_PHONE, ErrorCode.CONTACT_PHONE_INVALID));
    }
    if (name.isEmpty() && email.isEmpty() && phone.isEmpty()) {
      errors.add(error(Form.CONTACT_NAME, ErrorCode.CONTACT_REQUIRED));
    }
    return errors.size() > before ? null : new Contact(name, email, phone);
  }

  private static String bounded(String field, String value, int max, ErrorCode tooLong, List<FieldError> errors) {
    if (TextNormaliser.firstRefused(value) >= 0) {
      errors.add(error(field, ErrorCode.TEXT_CONTROL));
    } else if (value.length() > max) {
      errors.add(error(field, tooLong));
    }
    return value;
  }

  private static FieldError error(String field, ErrorCode code) {
    return new FieldError(field, 0, code.code());
  }

  private static String first(Map<String, List<String>> fields, String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  /** What the reporter typed, to put back on the page; never the honeypot. */
  private static FormValues kept(Map<String, List<String>> fields) {
    Map<String, List<String>> kept = new HashMap<>(fields);
    kept.remove(Form.HONEYPOT);
    return new FormValues(kept);
  }
}
