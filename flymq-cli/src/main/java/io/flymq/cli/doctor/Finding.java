package io.flymq.cli.doctor;

/**
 * One result of {@code flymq-cli doctor}: what was checked, how it went, what was seen and how to
 * fix it.
 *
 * @param check the check's name ({@code address}, {@code reachable}, {@code tls}, ...)
 * @param status how it went
 * @param detail what was seen, in plain words
 * @param fix what to do; empty when nothing needs doing
 */
public record Finding(String check, Status status, String detail, String fix) {
  /** How a check went. */
  public enum Status {
    /** Fine. */
    OK,
    /** Works, but something is off. */
    WARN,
    /** Broken: the CLI cannot work like this. */
    FAIL,
    /** Not checked, with the reason in the detail. */
    SKIP
  }

  static Finding ok(String check, String detail) {
    return new Finding(check, Status.OK, detail, "");
  }

  static Finding fail(String check, String detail, String fix) {
    return new Finding(check, Status.FAIL, detail, fix);
  }

  static Finding skip(String check, String detail) {
    return new Finding(check, Status.SKIP, detail, "");
  }
}
