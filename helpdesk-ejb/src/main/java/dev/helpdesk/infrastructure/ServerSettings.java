package dev.helpdesk.infrastructure;

/** A setting from a system property (server argument) or, failing that, an environment variable. */
public final class ServerSettings {
  private ServerSettings() {}

  public static String get(String property, String env, String fallback) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
