// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.report.CoarseTime;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.form.FormBody;
import org.hotlinerelay.relay.form.MalformedFormException;
import org.hotlinerelay.relay.form.ReportForm;
import org.hotlinerelay.relay.form.Submission;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's form path on one thread, for the form {@code benchmarks/load.sh} posts: parse
 * ({@link FormBody}), validate ({@link ReportForm}), the report's JSON ({@link ReportCodec}) and
 * sealing ({@link Sealer}, which encodes the JSON again into the padded plaintext). {@code formPath}
 * is the whole of it, as a worker thread does it per request (signing and the spool not included);
 * the others are its parts. {@code form=arabic} is the same form with its free text in Arabic
 * (non-ASCII: every text check does its full work).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FormPathBenchmark -f 1 -wi 3 -i 5 -w 3s -r 3s -t 1}
 * (figures and the exact commands: docs/performance.md)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class FormPathBenchmark {
  /** The form load.sh posts (about 1 KiB): its fields, its 880 characters of details. */
  static final byte[] LOAD_FORM = ("portal=default&lang=en&url=https%3A%2F%2Fexample.com%2Fsome%2Fpath%2Fto%2Fa%2Fpage"
      + "&kind=images&location=top+of+the+page&how_found=search&details="
      + ("x".repeat(60) + "+").repeat(20).substring(0, 880)).getBytes(StandardCharsets.US_ASCII);

  /** load.sh's form with its location, how-found and details in Arabic, percent-encoded UTF-8. */
  static final byte[] ARABIC_FORM = ("portal=default&lang=ar&url=https%3A%2F%2Fexample.com%2Fsome%2Fpath%2Fto%2Fa%2Fpage"
      + "&kind=images&location=" + encoded("\u0623\u0639\u0644\u0649 \u0627\u0644\u0635\u0641\u062d\u0629")
      + "&how_found=" + encoded("\u0628\u062d\u062b")
      + "&details=" + encoded("\u0631\u0623\u064a\u062a \u0647\u0630\u0627 \u0641\u064a \u0645\u0646\u062a\u062f\u0649. ".repeat(30)))
      .getBytes(StandardCharsets.US_ASCII);

  @Param({"load", "arabic"})
  public String body;

  private byte[] bytes;
  private ReportForm form;
  private Sealer sealer;
  private Map<String, List<String>> fields;
  private Report report;

  @Setup
  public void setUp() throws GeneralSecurityException, MalformedFormException {
    form = new ReportForm(Set.of("default"), "en", CoarseTime.HOUR, Clock.systemUTC());
    sealer = Sealer.create(TestKeys.publicOf(TestKeys.hotlinePrivate()));
    bytes = body.equals("arabic") ? ARABIC_FORM : LOAD_FORM;
    fields = FormBody.parse(bytes);
    report = valid(form.validate(fields));
  }

  private static Report valid(Submission submission) {
    if (submission instanceof Submission.Valid valid) {
      return valid.report();
    }
    throw new IllegalStateException("the load form is not a valid report: " + submission);
  }

  @Benchmark
  public Map<String, List<String>> parse() throws MalformedFormException {
    return FormBody.parse(bytes);
  }

  @Benchmark
  public Submission validate() {
    return form.validate(fields);
  }

  @Benchmark
  public byte[] toJson() {
    return ReportCodec.toJson(report);
  }

  @Benchmark
  public byte[] seal() throws GeneralSecurityException {
    return sealer.seal(report);
  }

  @Benchmark
  public byte[] formPath() throws GeneralSecurityException, MalformedFormException {
    return sealer.seal(valid(form.validate(FormBody.parse(bytes))));
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
