package io.github.k8sproxyconformance.proxy.support;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made at test time, issuing server certificates for loopback. */
public final class TestCa {
  public static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestCa(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  public static TestCa create(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    X509Certificate cert = sign(name, keys.getPublic(), name, keys.getPrivate(), true, null);
    return new TestCa(keys, cert);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String pem() {
    return pem(certificate);
  }

  /** Backstage's {@code caData}: base64 of the PEM text. */
  public String caData() {
    return Base64.getEncoder().encodeToString(pem().getBytes(StandardCharsets.US_ASCII));
  }

  /** A PKCS12 key store holding a server key and the chain [leaf, this CA]. */
  public KeyStore issueServer(String... subjectAltNames) {
    KeyPair leaf = newKeyPair();
    X509Certificate cert =
        sign(
            new X500Name("CN=" + subjectAltNames[0]),
            leaf.getPublic(),
            new X500Name(certificate.getSubjectX500Principal().getName()),
            keys.getPrivate(),
            false,
            subjectAltNames);
    return keyStore(leaf.getPrivate(), cert, certificate);
  }

  /** A key store with a self-signed server certificate no CA vouches for. */
  public static KeyStore selfSignedServer(String... subjectAltNames) {
    KeyPair leaf = newKeyPair();
    X500Name name = new X500Name("CN=" + subjectAltNames[0]);
    X509Certificate cert =
        sign(name, leaf.getPublic(), name, leaf.getPrivate(), false, subjectAltNames);
    return keyStore(leaf.getPrivate(), cert);
  }

  /** A trust store holding only this CA. */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", certificate);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(X509Certificate certificate) {
    try {
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keyStore(PrivateKey key, X509Certificate... chain) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, PASSWORD, (Certificate[]) chain);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      X500Name subject,
      PublicKey subjectKey,
      X500Name issuer,
      PrivateKey issuerKey,
      boolean ca,
      String[] subjectAltNames) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(2))),
              subject,
              subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames(subjectAltNames));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static GeneralNames altNames(String[] names) throws Exception {
    GeneralName[] general = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      boolean ip = names[i].chars().allMatch(c -> Character.isDigit(c) || c == '.');
      general[i] =
          ip
              ? new GeneralName(
                  GeneralName.iPAddress,
                  new org.bouncycastle.asn1.DEROctetString(
                      InetAddress.getByName(names[i]).getAddress()))
              : new GeneralName(GeneralName.dNSName, names[i]);
    }
    return new GeneralNames(general);
  }
}
