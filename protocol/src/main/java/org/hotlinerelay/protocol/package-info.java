// SPDX-License-Identifier: Apache-2.0
/**
 * The Hotline Relay protocol: what the relay and the hotline both need, and nothing that can open
 * a report.
 *
 * <p>The relay builds reports, seals them with the hotline's <em>public</em> keyset and signs them
 * into envelopes; the hotline checks the signatures and stores the envelopes still sealed. Opening
 * a report, reading the passphrase-protected private key file and Argon2 live in the
 * {@code hotline} module ({@code org.hotlinerelay.hotline.open}, {@code org.hotlinerelay.hotline.keys}),
 * and a test keeps them off the relay's runtime classpath ({@code RelayClasspathTest}).
 *
 * <p>The public components:
 * <dl>
 *   <dt>{@link org.hotlinerelay.protocol.report}</dt>
 *   <dd>{@link org.hotlinerelay.protocol.report.Report} (the allow-listed fields, validated when
 *       built), its fixed-size encoding {@link org.hotlinerelay.protocol.report.ReportCodec} (every
 *       report pads to the same size), {@link org.hotlinerelay.protocol.report.Limits} (the field
 *       bounds the form and the codec share), {@link org.hotlinerelay.protocol.report.TextNormaliser},
 *       {@link org.hotlinerelay.protocol.report.CoarseTime}, and a report's values
 *       {@link org.hotlinerelay.protocol.report.Contact}, {@link org.hotlinerelay.protocol.report.ContentKind},
 *       {@link org.hotlinerelay.protocol.report.InApp} (where in an app, for a report without or
 *       besides web addresses), {@link org.hotlinerelay.protocol.report.Ids} and
 *       {@link org.hotlinerelay.protocol.report.ReportUrl}.</dd>
 *   <dt>{@link org.hotlinerelay.protocol.seal}</dt>
 *   <dd>{@link org.hotlinerelay.protocol.seal.Sealer}: seals a report with a public keyset through
 *       Tink's {@code HybridEncrypt}, changing nothing else in the JVM; {@link org.hotlinerelay.protocol.seal.HpkeSuite}:
 *       the one suite, its context string and the sealed size. {@code seal.internal} holds the native
 *       HPKE behind Tink's interface; nothing outside this module imports an {@code internal}
 *       package ({@code ProtocolSurfaceTest}).</dd>
 *   <dt>{@link org.hotlinerelay.protocol.keys}</dt>
 *   <dd>{@link org.hotlinerelay.protocol.keys.PublicKeyset}: the hotline's public keyset, refusing
 *       any private material with {@link org.hotlinerelay.protocol.keys.KeysetRefusedException};
 *       {@link org.hotlinerelay.protocol.keys.Fingerprint}: what relays pin.</dd>
 *   <dt>{@code envelope}</dt>
 *   <dd>The signed envelope around a sealed report, its binary form and its signature check.</dd>
 *   <dt>{@code store}</dt>
 *   <dd>Durable, fsynced storage of envelopes.</dd>
 *   <dt>{@link org.hotlinerelay.protocol.launch}</dt>
 *   <dd>{@link org.hotlinerelay.protocol.launch.Launcher}: how every launcher runs a command (exit
 *       codes, one {@code Error:} line, the version); {@link org.hotlinerelay.protocol.launch.ConsoleLogging}:
 *       one line per event on stderr. The all-in-one {@code hotline-relay} and the relay's own jar
 *       both use them.</dd>
 *   <dt>this package</dt>
 *   <dd>The failure types the other packages throw, and the CLI's exit codes.</dd>
 * </dl>
 *
 * <p>Types and members not named here are package-private: the field checks, the report's JSON
 * shape and the fingerprint's computation cannot be reached from outside their package.
 * {@code ProtocolSurfaceTest} fails when a public type appears in {@code report}, {@code seal} or
 * {@code keys} that this page does not name.
 */
package org.hotlinerelay.protocol;
