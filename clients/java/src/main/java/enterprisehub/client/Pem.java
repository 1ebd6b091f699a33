package enterprisehub.client;

import java.nio.charset.StandardCharsets;

/** PEM checks for the client's key. */
final class Pem {
    private Pem() {}

    /**
     * Netty's JDK TLS reads PKCS#8 keys ({@code BEGIN PRIVATE KEY}), which the hub's PKI writes.
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
}
