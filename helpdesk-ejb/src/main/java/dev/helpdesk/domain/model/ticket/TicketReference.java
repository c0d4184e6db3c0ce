package dev.helpdesk.domain.model.ticket;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code [#1042]} ticket reference we put in subjects, and reading it back. */
public final class TicketReference {
  private static final Pattern REF = Pattern.compile("\\[#(\\d{1,12})\\]");

  private TicketReference() {}

  /** Subject with our reference appended, e.g. {@code Re: Late parcel [#1042]}. */
  public static String tag(String subject, long ticketId) {
    String base = subject == null || subject.isBlank() ? "Your request" : strip(subject);
    return base + " [#" + ticketId + "]";
  }

  /** The ticket id referenced in a subject, or null. */
  public static Long find(String subject) {
    if (subject == null) {
      return null;
    }
    Matcher m = REF.matcher(subject);
    Long found = null;
    while (m.find()) {
      found = Long.parseLong(m.group(1));
    }
    return found;
  }

  /** Subject without our references. */
  public static String strip(String subject) {
    return subject == null ? null : REF.matcher(subject).replaceAll("").strip();
  }
}
