// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

/**
 * Contact details a reporter chose to give. Present in a report only when the reporter opted in,
 * knowing that it ends their anonymity. Empty strings mean "not given"; at least one is non-empty.
 * {@link #toString()} never prints the values.
 */
public record Contact(String name, String email, String phone) {
  public Contact {
    name = Fields.bounded("contact.name", name, Limits.CONTACT_NAME_MAX);
    email = Fields.bounded("contact.email", email, Limits.CONTACT_EMAIL_MAX);
    phone = Fields.bounded("contact.phone", phone, Limits.CONTACT_PHONE_MAX);
    if (name.isEmpty() && email.isEmpty() && phone.isEmpty()) {
      throw new IllegalArgumentException("contact: opted in but empty");
    }
  }

  @Override
  public String toString() {
    return "Contact[redacted]";
  }
}
