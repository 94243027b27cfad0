// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.hotlinerelay.protocol.InvalidReportException;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.UnsupportedVersionException;

/**
 * Report ⇄ plaintext bytes. The plaintext is a 4-byte big-endian length, the report's JSON, and
 * zero bytes up to {@link Limits#PADDED_PLAINTEXT_BYTES}: every report, short or long, becomes the
 * same number of bytes, so its sealed form tells nothing about its content by its size.
 *
 * <p>The JSON is UTF-8 with nothing escaped but what JSON requires ({@code "}, {@code \\} and the
 * line break, the only control character a report may hold): no UTF-16 code unit costs more than
 * three bytes, which is what {@link Limits#PADDED_PLAINTEXT_BYTES} is computed for ({@code LimitsTest}).
 *
 * <p>Decoding is strict: wrong total size, a length that does not fit, non-zero padding, bad JSON,
 * an unknown or missing field → {@link MalformedMessageException}; a version other than
 * {@link Limits#SCHEMA_VERSION} → {@link UnsupportedVersionException}; values that break the rules
 * → {@link InvalidReportException}. No message carries input bytes.
 */
public final class ReportCodec {
  private static final int LENGTH_PREFIX = 4;
  /** Most JSON bytes a padded plaintext can carry. */
  public static final int CAPACITY = Limits.PADDED_PLAINTEXT_BYTES - LENGTH_PREFIX;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // A character outside the Basic Multilingual Plane as its four UTF-8 bytes (two per unit),
      // not as a twelve-byte pair of escapes: the padded size is computed at three bytes per unit.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private ReportCodec() {}

  /** The report's JSON bytes (not padded). */
  public static byte[] toJson(Report report) {
    try {
      return JSON.writeValueAsBytes(ReportJson.of(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report did not serialise", e);
    }
  }

  /**
   * The padded plaintext. The caller should {@link Arrays#fill(byte[], byte) clear} it once sealed.
   *
   * @throws IllegalArgumentException if the JSON exceeds {@link #CAPACITY}, which the limits make
   *     impossible for a valid report
   */
  public static byte[] encode(Report report) {
    byte[] out = new byte[Limits.PADDED_PLAINTEXT_BYTES];
    encodeInto(report, out);
    return out;
  }

  /**
   * Writes the padded plaintext into {@code out}, which must hold
   * {@link Limits#PADDED_PLAINTEXT_BYTES} zero bytes: only the length and the JSON are written,
   * the padding is what is already there. Returns how many bytes were written, the ones a caller
   * reusing {@code out} clears once sealed (the rest stay zero). Nothing is written when it throws.
   *
   * @throws IllegalArgumentException if {@code out} has the wrong size, or the JSON exceeds
   *     {@link #CAPACITY}, which the limits make impossible for a valid report
   */
  public static int encodeInto(Report report, byte[] out) {
    if (out.length != Limits.PADDED_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("plaintext buffer has the wrong size");
    }
    byte[] json = toJson(report);
    try {
      if (json.length > CAPACITY) {
        throw new IllegalArgumentException("report exceeds the padded size");
      }
      ByteBuffer.wrap(out).putInt(json.length).put(json);
      return LENGTH_PREFIX + json.length;
    } finally {
      Arrays.fill(json, (byte) 0);
    }
  }

  /** Opens a padded plaintext back into a report. */
  public static Report decode(byte[] plaintext)
      throws MalformedMessageException, UnsupportedVersionException, InvalidReportException {
    if (plaintext.length != Limits.PADDED_PLAINTEXT_BYTES) {
      throw new MalformedMessageException("plaintext has the wrong size");
    }
    ByteBuffer in = ByteBuffer.wrap(plaintext);
    int length = in.getInt();
    if (length < 2 || length > CAPACITY) {
      throw new MalformedMessageException("plaintext length out of range");
    }
    for (int i = LENGTH_PREFIX + length; i < plaintext.length; i++) {
      if (plaintext[i] != 0) {
        throw new MalformedMessageException("padding is not zero");
      }
    }
    return fromJson(Arrays.copyOfRange(plaintext, LENGTH_PREFIX, LENGTH_PREFIX + length));
  }

  /** Parses the report's JSON (unpadded). */
  public static Report fromJson(byte[] json)
      throws MalformedMessageException, UnsupportedVersionException, InvalidReportException {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (IOException e) {
      throw new MalformedMessageException("report is not JSON");
    }
    if (tree == null || !tree.isObject() || !tree.path("v").isInt()) {
      throw new MalformedMessageException("report has no version");
    }
    int version = tree.get("v").intValue();
    if (version != Limits.SCHEMA_VERSION) {
      throw new UnsupportedVersionException(version);
    }
    ReportJson dto;
    try {
      dto = JSON.treeToValue(tree, ReportJson.class);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof IllegalArgumentException cause) {
        throw new InvalidReportException(cause.getMessage());
      }
      throw new MalformedMessageException("report fields do not match the schema");
    } catch (IllegalArgumentException e) {
      throw new InvalidReportException(e.getMessage());
    }
    try {
      return dto.toReport();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidReportException(e.getMessage());
    }
  }
}
