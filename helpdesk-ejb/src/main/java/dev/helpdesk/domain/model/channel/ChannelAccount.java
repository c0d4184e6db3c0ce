package dev.helpdesk.domain.model.channel;

import dev.helpdesk.connectors.spi.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A place messages arrive at and leave from: a mailbox, a chat widget, a social page or number, an
 * API integration. {@code address} identifies it on its channel; settings hold what its connector
 * needs (hosts, callback URLs, secrets).
 */
@Entity
@Table(
    name = "channel_account",
    uniqueConstraints = @UniqueConstraint(columnNames = {"channel", "address"}))
public class ChannelAccount {
  @Id
  @GeneratedValue(generator = "channel_account_seq")
  @SequenceGenerator(
      name = "channel_account_seq",
      sequenceName = "channel_account_seq",
      allocationSize = 10)
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Column(nullable = false)
  private String address;

  @Column(nullable = false)
  private String name;

  /** Connector settings in java.util.Properties form. */
  private String settings;

  @Column(nullable = false)
  private boolean active = true;

  @Version private long version;

  protected ChannelAccount() {}

  public ChannelAccount(Channel channel, String address, String name) {
    this.channel = channel;
    this.address = address;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public Channel getChannel() {
    return channel;
  }

  public String getAddress() {
    return address;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public boolean isActive() {
    return active;
  }

  public void setActive(boolean active) {
    this.active = active;
  }

  public Map<String, String> getSettings() {
    return parseSettings(settings);
  }

  /** Settings as stored (the {@code settings} column), read without loading the account. */
  public static Map<String, String> parseSettings(String settings) {
    Map<String, String> out = new TreeMap<>();
    if (settings == null || settings.isBlank()) {
      return out;
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(settings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }

  /**
   * What a connector sends with: the settings plus {@code address} and, unless set, {@code
   * fromName} (the account's name).
   */
  public Map<String, String> senderSettings() {
    Map<String, String> out = getSettings();
    out.put("address", address);
    out.putIfAbsent("fromName", name);
    return out;
  }

  public void setSettings(Map<String, String> values) {
    Properties p = new Properties();
    values.forEach(p::setProperty);
    StringWriter w = new StringWriter();
    try {
      p.store(w, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings =
        w.toString().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
  }
}
