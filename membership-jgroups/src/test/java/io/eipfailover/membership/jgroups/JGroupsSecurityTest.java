package io.eipfailover.membership.jgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGroupsSecurityTest {
  @TempDir Path dir;

  /** Writes a PKCS12 keystore holding one AES key under {@code alias}. */
  static Path keystore(Path dir, String name, String alias, char[] password) throws Exception {
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(128);
    SecretKey key = gen.generateKey();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, password);
    ks.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password);
    }
    return file;
  }

  @Test
  void readsTheSecretKeyFromAKeystore() throws Exception {
    char[] pw = "changeit".toCharArray();
    JGroupsSecurity s = JGroupsSecurity.symmetric(keystore(dir, "k.p12", "eip", pw), "PKCS12", pw, "eip");
    assertEquals(JGroupsSecurity.Encryption.SYMMETRIC, s.encryption());
    assertEquals("AES", s.secretKey().orElseThrow().getAlgorithm());
    assertTrue(s.authSecret().isEmpty());
    assertEquals(16, s.withAuthSecret("0123456789abcdef".toCharArray()).authSecret().orElseThrow().length);
  }

  @Test
  void rejectsBadKeystoresAndShortSecretsNamingThem() throws Exception {
    char[] pw = "changeit".toCharArray();
    Path ks = keystore(dir, "k.p12", "eip", pw);
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JGroupsSecurity.symmetric(dir.resolve("nope.p12"), "PKCS12", pw, "eip")).getMessage()
        .contains("keystore must be a readable file, was"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JGroupsSecurity.symmetric(ks, "PKCS12", "wrong".toCharArray(), "eip")).getMessage()
        .contains("cannot be read"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JGroupsSecurity.symmetric(ks, "PKCS12", pw, "other")).getMessage()
        .contains("keystore alias 'other'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JGroupsSecurity.symmetric(ks, " ", pw, "eip")).getMessage().contains("keystore type must not be blank"));
    assertEquals("authSecret must be at least 16 characters, was 5", assertThrows(IllegalArgumentException.class,
        () -> JGroupsSecurity.asymmetric().withAuthSecret("short".toCharArray())).getMessage());
  }

  @Test
  void takesAnAesKeyDirectlyAndRejectsOtherKeysNamingThem() {
    SecretKey aes = new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
    JGroupsSecurity s = JGroupsSecurity.symmetric(aes);
    assertEquals(JGroupsSecurity.Encryption.SYMMETRIC, s.encryption());
    assertEquals(aes, s.secretKey().orElseThrow());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JGroupsSecurity.symmetric(
        new javax.crypto.spec.SecretKeySpec(new byte[20], "AES"))).getMessage().contains("AES key of 16, 24 or 32 bytes, was AES of 20 bytes"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JGroupsSecurity.symmetric(
        new javax.crypto.spec.SecretKeySpec(new byte[16], "HmacSHA256"))).getMessage().contains("was HmacSHA256"));
  }
}
