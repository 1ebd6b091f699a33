package enterprisehub.client;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The JDK TLS context from PEM: the client's certificate and key, and the one CA it trusts. */
final class Pem {
    private static final Pattern KEY = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Pem() {}

    /**
     * Checks the key is PKCS#8 ({@code BEGIN PRIVATE KEY}), which the hub's PKI writes.
     *
     * @param key the key PEM
     * @return the same bytes
     * @throws IllegalArgumentException for another key format, saying how to convert it
     */
    static byte[] pkcs8(byte[] key) {
        String text = new String(key, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN PRIVATE KEY-----")) {
            return key;
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the key is encrypted; give an unencrypted PKCS#8 key");
        }
        throw new IllegalArgumentException("the key is not a PKCS#8 PEM (BEGIN PRIVATE KEY); convert it with "
                + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem'");
    }

    static SSLContext context(byte[] ca, byte[] certificate, byte[] key) throws GeneralSecurityException {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> authorities = x509.generateCertificates(new ByteArrayInputStream(ca));
        Collection<? extends Certificate> chain = x509.generateCertificates(new ByteArrayInputStream(certificate));
        if (authorities.isEmpty() || chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the CA or certificate PEM");
        }
        Matcher m = KEY.matcher(new String(pkcs8(key), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalArgumentException("the key PEM is malformed");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        String algorithm = chain.iterator().next().getPublicKey().getAlgorithm();
        PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));

        char[] none = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, none);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry("client", privateKey, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, none);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : authorities) {
            trust.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
