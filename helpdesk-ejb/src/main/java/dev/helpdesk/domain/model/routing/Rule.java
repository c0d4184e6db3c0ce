package dev.helpdesk.domain.model.routing;

import dev.helpdesk.connectors.spi.Channel;
import dev.helpdesk.domain.model.ticket.Priority;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A routing rule checked and ready to run: when its conditions hold (all of them, or any with
 * {@code matchAny}), its actions apply. {@link #compile} refuses what could not run (an unknown
 * field, a bad regular expression, a team that does not exist), naming the part.
 *
 * <p>Conditions, as stored: {@code {"field": "topic", "op": "in", "values": ["PAYMENT"]}}.
 *
 * <ul>
 *   <li>{@code channel}, {@code channelAccount} (id), {@code language}, {@code topic}, {@code
 *       checkoutStep}: {@code in} / {@code notIn} a list of values;
 *   <li>{@code keywords}: {@code any} of the words or phrases occurs in the subject or text (case,
 *       Arabic letter forms and diacritics ignored); {@code text}: {@code matches} a regular
 *       expression (found anywhere, case-insensitive);
 *   <li>{@code vip}, {@code firstTimeBuyer}, {@code businessHours} (the ticket's team's calendar,
 *       as set so far): {@code is} "true" or "false";
 *   <li>{@code orderValue} (the cart total the checkout page gave): {@code atLeast} / {@code
 *       atMost} a number.
 * </ul>
 *
 * <p>Actions: {@code {"type": "setTeam", "value": "3"}}, {@code setPriority} (LOW … URGENT), {@code
 * addTags} ({@code values}), {@code assign} ("auto": the team's strategy, or an agent's id), {@code
 * autoReply} (the text; sent once per ticket, at most once an hour per contact, never to an
 * automatic message), {@code applySla} (a policy's name), {@code notify} ("managers" or an agent's
 * id).
 */
public record Rule(
    long id,
    String name,
    boolean matchAny,
    boolean stopOnMatch,
    List<Check> conditions,
    List<Action> actions,
    boolean asksFirstTimeBuyer) {

  /** A condition as written by an admin. */
  public record Condition(String field, String op, List<String> values) {}

  /** An action as written by an admin. */
  public record Action(String type, String value, List<String> values) {
    public String describe() {
      return describe(id -> null, id -> null);
    }

    /**
     * As written, with the team's or agent's name where the action names one by id ({@code setTeam
     * “Payments”}); an id the functions do not know stays an id.
     */
    public String describe(
        java.util.function.LongFunction<String> teamName,
        java.util.function.LongFunction<String> agentName) {
      java.util.function.LongFunction<String> names =
          "setTeam".equals(type) ? teamName : "assign".equals(type) ? agentName : null;
      if (names != null && value != null) {
        // compiled rules hold ids there ("auto" assigns by strategy); no pattern on this path: it
        // runs for every action that fires on every ticket
        try {
          String name = names.apply(Long.parseLong(value.strip()));
          if (name != null) {
            return type + " “" + name + "”";
          }
        } catch (NumberFormatException notAnId) {
          // "auto": described as written
        }
      }
      return type + " " + (values != null && !values.isEmpty() ? String.join(",", values) : value);
    }
  }

  /** A condition ready to test. */
  public interface Check {
    boolean test(RoutingFacts f, Long teamId, LongPredicate teamOpen);
  }

  public static final Set<String> ACTIONS =
      Set.of("setTeam", "setPriority", "addTags", "assign", "autoReply", "applySla", "notify");

  /**
   * Checks and compiles a rule; {@code teamExists} and {@code agentExists} say whether an id names
   * one.
   *
   * @throws RuleException naming the part that cannot run
   */
  public static Rule compile(
      long id,
      String name,
      boolean matchAny,
      boolean stopOnMatch,
      List<Condition> conditions,
      List<Action> actions,
      LongPredicate teamExists,
      LongPredicate agentExists) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new RuleException("name", "a rule needs a name (at most 200 characters)");
    }
    List<Check> checks = new ArrayList<>();
    List<Condition> cs = conditions == null ? List.of() : conditions;
    for (int i = 0; i < cs.size(); i++) {
      checks.add(check(cs.get(i), "conditions[" + i + "]"));
    }
    if (actions == null || actions.isEmpty()) {
      throw new RuleException("actions", "a rule needs at least one action");
    }
    for (int i = 0; i < actions.size(); i++) {
      validate(actions.get(i), "actions[" + i + "]", teamExists, agentExists);
    }
    return new Rule(
        id,
        name.strip(),
        matchAny,
        stopOnMatch,
        checks,
        List.copyOf(actions),
        cs.stream().anyMatch(c -> "firstTimeBuyer".equals(c.field())));
  }

  /** Whether the rule fires for these facts, the ticket's team being {@code teamId} so far. */
  public boolean matches(RoutingFacts f, Long teamId, LongPredicate teamOpen) {
    if (conditions.isEmpty()) {
      return true;
    }
    for (Check c : conditions) {
      boolean ok = c.test(f, teamId, teamOpen);
      if (matchAny && ok) {
        return true;
      }
      if (!matchAny && !ok) {
        return false;
      }
    }
    return !matchAny;
  }

  private static Check check(Condition c, String where) {
    if (c == null || c.field() == null || c.op() == null) {
      throw new RuleException(where, "a condition needs field, op and values");
    }
    List<String> values = c.values() == null ? List.of() : c.values();
    if (values.isEmpty()) {
      throw new RuleException(where + ".values", "a condition needs at least one value");
    }
    String op = c.op();
    switch (c.field()) {
      case "channel" -> {
        Set<String> set = upper(values);
        for (String v : set) {
          try {
            Channel.valueOf(v);
          } catch (IllegalArgumentException e) {
            throw new RuleException(where + ".values", "unknown channel " + v);
          }
        }
        return inOrNot(op, where, f -> f.channel() == null ? null : f.channel().name(), set);
      }
      case "channelAccount" -> {
        return inOrNot(
            op,
            where,
            f -> f.channelAccountId() == null ? null : String.valueOf(f.channelAccountId()),
            Set.copyOf(values));
      }
      case "language" -> {
        return inOrNot(op, where, RoutingFacts::language, lower(values));
      }
      case "topic" -> {
        Set<String> set = upper(values);
        for (String v : set) {
          if (Topic.parse(v) == null) {
            throw new RuleException(where + ".values", "unknown topic " + v);
          }
        }
        return inOrNot(op, where, f -> f.topic() == null ? null : f.topic().name(), set);
      }
      case "checkoutStep" -> {
        return inOrNot(op, where, f -> lowerOrNull(f.checkoutStep()), lower(values));
      }
      case "keywords" -> {
        requireOp(op, where, "any");
        List<String> words = new ArrayList<>();
        for (String v : values) {
          String w = fold(v).strip();
          if (!w.isEmpty()) {
            words.add(w);
          }
        }
        return (f, team, open) -> {
          String text = f.folded();
          for (String w : words) {
            if (text.contains(w)) {
              return true;
            }
          }
          return false;
        };
      }
      case "text" -> {
        requireOp(op, where, "matches");
        Pattern p;
        try {
          // Unicode case folding only where the pattern has letters beyond ASCII: it makes every
          // comparison several times slower, and an ASCII pattern matches the same texts without
          // it (but for oddities such as the Kelvin sign)
          String regex = values.get(0);
          boolean ascii = regex.chars().allMatch(ch -> ch < 128);
          p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | (ascii ? 0 : Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
          throw new RuleException(
              where + ".values", "invalid regular expression: " + e.getDescription());
        }
        return (f, team, open) -> f.text() != null && p.matcher(f.text()).find();
      }
      case "vip", "firstTimeBuyer", "businessHours" -> {
        requireOp(op, where, "is");
        String v = values.get(0).strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw new RuleException(where + ".values", c.field() + " is true or false");
        }
        boolean want = Boolean.parseBoolean(v);
        return switch (c.field()) {
          case "vip" -> (f, team, open) -> f.vip() == want;
          case "firstTimeBuyer" -> (f, team, open) -> f.firstTimeBuyer() == want;
          default -> (f, team, open) -> (team == null || open.test(team)) == want;
        };
      }
      case "orderValue" -> {
        BigDecimal limit;
        try {
          limit = new BigDecimal(values.get(0).strip());
        } catch (NumberFormatException e) {
          throw new RuleException(where + ".values", "orderValue compares with a number");
        }
        if (op.equals("atLeast")) {
          return (f, team, open) -> f.orderValue() != null && f.orderValue().compareTo(limit) >= 0;
        }
        if (op.equals("atMost")) {
          return (f, team, open) -> f.orderValue() != null && f.orderValue().compareTo(limit) <= 0;
        }
        throw new RuleException(where + ".op", "orderValue takes atLeast or atMost");
      }
      default -> throw new RuleException(where + ".field", "unknown field " + c.field());
    }
  }

  private static void validate(
      Action a, String where, LongPredicate teamExists, LongPredicate agentExists) {
    if (a == null || a.type() == null || !ACTIONS.contains(a.type())) {
      throw new RuleException(
          where + ".type", "the action is one of " + new java.util.TreeSet<>(ACTIONS));
    }
    String v = a.value() == null ? "" : a.value().strip();
    switch (a.type()) {
      case "setTeam" -> {
        Long id = id(v);
        if (id == null || !teamExists.test(id)) {
          throw new RuleException(where + ".value", "no team " + v);
        }
      }
      case "setPriority" -> {
        try {
          Priority.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new RuleException(where + ".value", "priority is LOW, NORMAL, HIGH or URGENT");
        }
      }
      case "addTags" -> {
        if (a.values() == null || a.values().isEmpty()) {
          throw new RuleException(where + ".values", "addTags needs the tags");
        }
        for (String t : a.values()) {
          if (t == null || t.isBlank() || t.length() > 50) {
            throw new RuleException(where + ".values", "a tag has 1 to 50 characters");
          }
        }
      }
      case "assign" -> {
        if (!v.equals("auto")) {
          Long id = id(v);
          if (id == null || !agentExists.test(id)) {
            throw new RuleException(where + ".value", "assign takes \"auto\" or an agent's id");
          }
        }
      }
      case "autoReply" -> {
        if (v.isEmpty() || v.length() > 2000) {
          throw new RuleException(where + ".value", "the reply's text (at most 2,000 characters)");
        }
      }
      case "applySla" -> {
        if (v.isEmpty() || v.length() > 100) {
          throw new RuleException(where + ".value", "the SLA policy's name");
        }
      }
      case "notify" -> {
        if (!v.equals("managers")) {
          Long id = id(v);
          if (id == null || !agentExists.test(id)) {
            throw new RuleException(where + ".value", "notify takes \"managers\" or an agent's id");
          }
        }
      }
      default -> throw new IllegalStateException(a.type());
    }
  }

  private static Long id(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Check inOrNot(
      String op,
      String where,
      java.util.function.Function<RoutingFacts, String> value,
      Set<String> set) {
    if (op.equals("in")) {
      return (f, team, open) -> set.contains(value.apply(f));
    }
    if (op.equals("notIn")) {
      return (f, team, open) -> !set.contains(value.apply(f));
    }
    throw new RuleException(where + ".op", "this field takes in or notIn");
  }

  private static void requireOp(String op, String where, String expected) {
    if (!op.equals(expected)) {
      throw new RuleException(where + ".op", "this field takes " + expected);
    }
  }

  private static Set<String> upper(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> out.add(v.strip().toUpperCase(Locale.ROOT)));
    return out;
  }

  private static Set<String> lower(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(v -> out.add(v.strip().toLowerCase(Locale.ROOT)));
    return out;
  }

  private static String lowerOrNull(String s) {
    return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
  }

  /** Lower case, Arabic letter forms unified, diacritics and tatweel dropped, spaces single. */
  static String fold(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (ch) {
        case 'أ', 'إ', 'آ', 'ٱ' -> b.append('ا');
        case 'ة' -> b.append('ه');
        case 'ى' -> b.append('ي');
        case 'ـ' -> {}
        default -> {
          if (ch >= '\u064B' && ch <= '\u0652') {
            continue;
          }
          b.append(Character.isWhitespace(ch) ? ' ' : ch);
        }
      }
    }
    return b.toString().replaceAll(" +", " ");
  }
}
