package org.hotlinerelay.hotline.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.seal.HpkeSuite;

/**
 * Reads what the inbox needs from a stored envelope — its id and sealed bytes — in one streaming
 * pass, decoding the base64 straight to bytes. {@code EnvelopeCodec.fromJson} builds a tree and a
 * 22 KB string first, which cost as much as the decryption itself when listing 100,000 reports.
 *
 * <p>As strict as the codec on shape: exactly the five envelope fields, once each, version 1, a
 * valid id, sealed bytes of the one sealed size. The signature was checked by the intake; the
 * sealed bytes authenticate themselves when they open (AEAD), so a changed byte fails there.
 */
final class StoredEnvelope {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> FIELDS = Set.of("v", "id", "relay", "sealed", "sig");

  /** The parts of an envelope the inbox uses. */
  record Parts(String id, byte[] sealed) {
    @Override
    public String toString() {
      return "Parts[" + id + "]";
    }
  }

  private StoredEnvelope() {}

  /** The id and sealed bytes, or {@code null} when the bytes are not a stored envelope. */
  static Parts read(byte[] json) {
    return read(json, json.length);
  }

  /** As {@link #read(byte[])}, over the first {@code length} bytes of {@code buffer}. */
  static Parts read(byte[] buffer, int length) {
    try (JsonParser p = JSON.createParser(buffer, 0, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Set<String> seen = new HashSet<>(8);
      String id = null;
      byte[] sealed = null;
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!FIELDS.contains(name) || !seen.add(name)) {
          return null;
        }
        JsonToken value = p.nextToken();
        switch (name) {
          case "v" -> {
            if (value != JsonToken.VALUE_NUMBER_INT || !Envelope.supports(p.getIntValue())) {
              return null;
            }
          }
          case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "sealed" -> sealed = value == JsonToken.VALUE_STRING ? p.getBinaryValue() : null;
          default -> {
            if (value != JsonToken.VALUE_STRING) {
              return null;
            }
          }
        }
      }
      if (token != JsonToken.END_OBJECT || p.nextToken() != null || seen.size() != FIELDS.size()
          || !Ids.isValid(id) || sealed == null || sealed.length != HpkeSuite.SEALED_BYTES) {
        return null;
      }
      return new Parts(id, sealed);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
