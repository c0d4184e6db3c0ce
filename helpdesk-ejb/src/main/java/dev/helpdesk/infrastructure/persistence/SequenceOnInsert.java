package dev.helpdesk.infrastructure.persistence;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Member;
import java.util.EnumSet;
import org.hibernate.annotations.IdGeneratorType;
import org.hibernate.dialect.Dialect;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.hibernate.generator.OnExecutionGenerator;
import org.hibernate.id.factory.spi.CustomIdGeneratorCreationContext;

/**
 * An id that is the next value of a database sequence, taken by the INSERT itself ({@code insert …
 * values (nextval('s'), …) returning id} on PostgreSQL, {@code next value for s} on H2): one round
 * trip per row instead of a {@code select nextval} and then the insert. For a sequence that must be
 * taken one value at a time (the staff journal's numbers), where a pooled generator would not do.
 * The row is inserted at {@code persist}, as with an identity column.
 */
@IdGeneratorType(SequenceOnInsert.Generator.class)
@Retention(RUNTIME)
@Target(FIELD)
public @interface SequenceOnInsert {
  /** The sequence's name. */
  String value();

  /** The generator Hibernate makes for each annotated id. */
  final class Generator implements OnExecutionGenerator {
    private final String sequence;

    public Generator(
        SequenceOnInsert config, Member member, CustomIdGeneratorCreationContext context) {
      this.sequence = config.value();
    }

    @Override
    public EnumSet<EventType> getEventTypes() {
      return EventTypeSets.INSERT_ONLY;
    }

    @Override
    public boolean referenceColumnsInSql(Dialect dialect) {
      return true;
    }

    @Override
    public boolean writePropertyValue() {
      return false;
    }

    @Override
    public String[] getReferencedColumnValues(Dialect dialect) {
      return new String[] {dialect.getSequenceSupport().getSelectSequenceNextValString(sequence)};
    }
  }
}
