// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.MalformedMessageException;

/**
 * A relay's public signing key as the hotline lists it: a small JSON file
 * {@code {"format":"hotline-relay/relay-public-key/v1","relayId":"…","keyset":"<Tink JSON>"}}.
 * Only Ed25519 public keys are accepted.
 */
public record RelayPublicKey(String relayId, KeysetHandle keyset) {
  public static final String FORMAT = "hotline-relay/relay-public-key/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public RelayPublicKey {
    if (relayId == null || !Envelope.RELAY_ID.matcher(relayId).matches()) {
      throw new IllegalArgumentException("relay id must be 1-64 of [a-z0-9-]");
    }
  }

  public static RelayPublicKey parse(byte[] json) throws MalformedMessageException {
    try {
      JsonNode tree = JSON.readTree(json);
      if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
        throw new MalformedMessageException("not a relay public key file");
      }
      SignatureConfig.register();
      KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(tree.path("keyset").asText());
      for (int i = 0; i < handle.size(); i++) {
        if (!(handle.getAt(i).getKey() instanceof Ed25519PublicKey)) {
          throw new MalformedMessageException("relay key is not an Ed25519 public key");
        }
      }
      return new RelayPublicKey(tree.path("relayId").asText(), handle);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new MalformedMessageException("relay public key file is invalid");
    }
  }

  public byte[] toJson() throws GeneralSecurityException {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("relayId", relayId);
    node.put("keyset", TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RelayPublicKey[" + relayId + "]";
  }
}
