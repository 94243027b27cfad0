// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

/**
 * One problem with one field, as the relay found it. {@code code} is a message key
 * ({@code error.<code>} in each language's messages), e.g. {@code url.required}; the page shows
 * the message beside the field and in the summary at the top, linking to the field.
 *
 * @param field a {@link Form} field name
 * @param index for repeated fields ({@link Form#URL}), which one (0-based); 0 otherwise
 * @param code the problem, a message key without the {@code error.} prefix
 */
public record FieldError(String field, int index, String code) {}
