package dev.helpdesk.domain.model.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TicketReferenceTest {
  @Test
  void tagsASubjectOnceAndReadsTheReferenceBack() {
    String tagged = TicketReference.tag("Re: Late parcel [#1042]", 1042);
    assertEquals("Re: Late parcel [#1042]", tagged, "never tagged twice");
    assertEquals(1042L, TicketReference.find("RE: AW: Re: Late parcel [#1042]"));
    assertEquals(
        1050L, TicketReference.find("Fwd: [#1042] then [#1050]"), "the last reference wins");
    assertEquals("أين طلبي؟ [#7]", TicketReference.tag("أين طلبي؟", 7));
  }

  @Test
  void ignoresLookalikes() {
    assertNull(TicketReference.find("Order #1042 is late"));
    assertNull(TicketReference.find("[#abc]"));
    assertNull(TicketReference.find(null));
  }
}
