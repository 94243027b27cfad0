// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.keys;

import java.security.GeneralSecurityException;

/** The passphrase does not open the private key file, or the file was changed. */
public final class WrongPassphraseException extends GeneralSecurityException {
  public WrongPassphraseException() {
    super("wrong passphrase or damaged key file");
  }
}
