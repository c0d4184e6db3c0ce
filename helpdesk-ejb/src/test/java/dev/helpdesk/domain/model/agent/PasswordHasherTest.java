package dev.helpdesk.domain.model.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void verifiesTheRightPasswordOnlyAndSaltsEveryHash() {
    String a = PasswordHasher.hash("correct horse", 1000);
    String b = PasswordHasher.hash("correct horse", 1000);
    assertNotEquals(a, b, "salted");
    assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
    assertTrue(PasswordHasher.verify("correct horse", a));
    assertFalse(PasswordHasher.verify("correct hors", a));
    assertTrue(PasswordHasher.verify("كلمة سر عربية", PasswordHasher.hash("كلمة سر عربية", 1000)));
  }

  @Test
  void rejectsMalformedHashes() {
    assertFalse(PasswordHasher.verify("x", "plain"));
    assertFalse(PasswordHasher.verify("x", "pbkdf2-sha256$nan$a$b"));
    assertFalse(PasswordHasher.verify("x", null));
    assertFalse(PasswordHasher.verify(null, PasswordHasher.hash("x", 1000)));
  }

  @Test
  void tokenHashesAreStable() {
    assertTrue(PasswordHasher.tokenHash("hd_abc").equals(PasswordHasher.tokenHash("hd_abc")));
    assertNotEquals(PasswordHasher.tokenHash("hd_abc"), PasswordHasher.tokenHash("hd_abd"));
  }
}
