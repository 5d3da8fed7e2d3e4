package io.lockstep.proto.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys that sign mission assignments (docs/mission-approval.md), shared by C2 (signs) and the
 * node (verifies). Public keys travel as PEM ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo) or as the
 * bare base64 of that DER; C2's key file holds a {@code PRIVATE KEY} (PKCS#8) block and a {@code PUBLIC KEY}
 * block. The key id is the first 16 hex characters of the SHA-256 of the public key's DER.
 */
public final class MissionSigningKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private MissionSigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** Key id of a public key: 16 hex characters of the SHA-256 of its DER encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The contents of C2's key file: the private key, then the public key. */
    public static String keyPairPem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicPem(pair.getPublic());
    }

    /** Reads a key file written by {@link #keyPairPem}. */
    public static KeyPair parseKeyPair(String text) {
        byte[] priv = block(text, "PRIVATE KEY");
        byte[] pub = block(text, "PUBLIC KEY");
        if (priv == null || pub == null) {
            throw new IllegalArgumentException("a mission signing key file holds a PEM PRIVATE KEY (PKCS#8 Ed25519)"
                    + " block and a PEM PUBLIC KEY block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(priv));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pub));
            KeyPair pair = new KeyPair(publicKey, privateKey);
            byte[] probe = "lockstep mission signing key check".getBytes(StandardCharsets.UTF_8);
            if (!verify(publicKey, probe, sign(privateKey, probe))) {
                throw new IllegalArgumentException("the PUBLIC KEY block does not belong to the PRIVATE KEY block");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    /** A public key as PEM text or as the base64 of its X.509 DER. */
    public static PublicKey parsePublicKey(String text) {
        byte[] der = block(text, "PUBLIC KEY");
        if (der == null) {
            try {
                der = Base64.getDecoder().decode(text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a mission signing public key is PEM (-----BEGIN PUBLIC KEY-----)"
                        + " or the base64 of its X.509 DER");
            }
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signature} is key's Ed25519 signature of {@code data}; false for any malformed input. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String text, String type) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        return null;
    }
}
