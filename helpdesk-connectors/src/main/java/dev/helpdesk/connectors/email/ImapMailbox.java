package dev.helpdesk.connectors.email;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.util.ReadableMime;

/**
 * One IMAP folder, read-only: its UIDVALIDITY and the mails after a given UID, in UID order,
 * fetched whole in one round trip per chunk. The mailbox is never changed (no flags, no deletes),
 * so the helpdesk can share it with people and other tools; what was read is tracked by UID.
 */
public final class ImapMailbox implements AutoCloseable {
  /** A mail as fetched: its UID, its size, and its bytes (null when over the size limit). */
  public record FetchedMail(long uid, long size, byte[] raw) {}

  /**
   * Where a mailbox is.
   *
   * @param security none, ssl (IMAPS) or starttls
   */
  public record Settings(
      String host,
      int port,
      String security,
      String user,
      String password,
      String folder,
      int timeoutMillis) {

    /** Reads a channel account's settings ({@code imap.host}, {@code imap.port}, …). */
    public static Settings of(Map<String, String> s) {
      String security = s.getOrDefault("imap.security", "none");
      int port =
          Integer.parseInt(s.getOrDefault("imap.port", security.equals("ssl") ? "993" : "143"));
      return new Settings(
          s.get("imap.host"),
          port,
          security,
          s.get("imap.user"),
          s.get("imap.password"),
          s.getOrDefault("imap.folder", "INBOX"),
          Integer.parseInt(s.getOrDefault("imap.timeout-ms", "30000")));
    }
  }

  /**
   * Seconds between polls of a mailbox: its {@code pollSeconds} setting (default 60, at least 1).
   */
  public static int pollSeconds(Map<String, String> settings) {
    try {
      return Math.max(1, Integer.parseInt(settings.getOrDefault("pollSeconds", "60").strip()));
    } catch (NumberFormatException e) {
      return 60;
    }
  }

  private final Store store;
  private final IMAPFolder folder;

  private ImapMailbox(Store store, IMAPFolder folder) {
    this.store = store;
    this.folder = folder;
  }

  /** Connects and opens the folder read-only. */
  public static ImapMailbox open(Settings s) throws MessagingException {
    if (s.host() == null || s.host().isBlank()) {
      throw new MessagingException("imap.host is not set");
    }
    String proto = s.security().equals("ssl") ? "imaps" : "imap";
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", proto);
    p.setProperty("mail." + proto + ".host", s.host());
    p.setProperty("mail." + proto + ".port", String.valueOf(s.port()));
    p.setProperty("mail." + proto + ".connectiontimeout", String.valueOf(s.timeoutMillis()));
    p.setProperty("mail." + proto + ".timeout", String.valueOf(s.timeoutMillis()));
    p.setProperty("mail." + proto + ".partialfetch", "false");
    p.setProperty("mail." + proto + ".peek", "true");
    if (s.security().equals("starttls")) {
      p.setProperty("mail.imap.starttls.enable", "true");
      p.setProperty("mail.imap.starttls.required", "true");
    }
    Store store = Session.getInstance(p).getStore(proto);
    store.connect(s.host(), s.port(), s.user(), s.password());
    try {
      Folder f = store.getFolder(s.folder());
      if (!(f instanceof IMAPFolder imap)) {
        throw new MessagingException("not an IMAP folder: " + s.folder());
      }
      imap.open(Folder.READ_ONLY);
      return new ImapMailbox(store, imap);
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public long uidValidity() throws MessagingException {
    return folder.getUIDValidity();
  }

  /** The UIDs above {@code afterUid}, ascending: what is new since then. */
  public long[] uidsAfter(long afterUid) throws MessagingException {
    Message[] found = folder.getMessagesByUID(afterUid + 1, UIDFolder.MAXUID);
    // "n:*" answers the last mail even when its UID is below n: keep only the new ones
    return Arrays.stream(found)
        .filter(m -> m != null)
        .mapToLong(this::uid)
        .filter(uid -> uid > afterUid)
        .sorted()
        .toArray();
  }

  /**
   * The mails with these UIDs, whole, in one round trip for their sizes and one for their bytes;
   * mails larger than {@code maxBytes} come without their bytes, mails deleted meanwhile not at
   * all.
   */
  public List<FetchedMail> fetch(long[] uids, long maxBytes)
      throws MessagingException, IOException {
    List<Message> found = new ArrayList<>(uids.length);
    for (Message m : folder.getMessagesByUID(uids)) {
      if (m != null) {
        found.add(m);
      }
    }
    Message[] all = found.toArray(Message[]::new);
    FetchProfile sizes = new FetchProfile();
    sizes.add(FetchProfile.Item.SIZE);
    folder.fetch(all, sizes);
    List<Message> whole = new ArrayList<>();
    for (Message m : found) {
      if (m.getSize() <= maxBytes) {
        whole.add(m);
      }
    }
    if (!whole.isEmpty()) {
      FetchProfile bodies = new FetchProfile();
      bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
      folder.fetch(whole.toArray(Message[]::new), bodies);
    }
    List<FetchedMail> out = new ArrayList<>(found.size());
    for (Message m : found) {
      long size = m.getSize();
      byte[] raw = null;
      if (size <= maxBytes) {
        try (InputStream in = ((ReadableMime) m).getMimeStream()) {
          raw = in.readAllBytes();
        }
      }
      out.add(new FetchedMail(uid(m), size, raw));
    }
    return out;
  }

  private long uid(Message m) {
    try {
      return folder.getUID(m);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // closing: nothing to save
    }
    try {
      store.close();
    } catch (MessagingException e) {
      // closing: nothing to save
    }
  }
}
