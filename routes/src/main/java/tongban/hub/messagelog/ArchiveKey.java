package tongban.hub.messagelog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The hub's archive key: Ed25519, the private half signing archive manifests and chain anchors, the public half
 * verifying them — the only half an auditor needs. Keys are base64 DER (PKCS#8 for the private key, X.509 for the
 * public one), from a Secret in production; the defaults in {@code application.yml} are a DEMO pair.
 */
public final class ArchiveKey {

    private final PrivateKey signing;
    private final PublicKey verifying;

    private ArchiveKey(PrivateKey signing, PublicKey verifying) {
        this.signing = signing;
        this.verifying = verifying;
    }

    /** A key that signs and verifies. */
    static ArchiveKey of(String privateKeyBase64, String publicKeyBase64) {
        try {
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            PrivateKey signing = ed25519.generatePrivate(new PKCS8EncodedKeySpec(decode(privateKeyBase64)));
            ArchiveKey key = new ArchiveKey(signing, verifyingKey(publicKeyBase64));
            if (!key.verifies("pair", key.sign("pair"))) {
                throw new IllegalStateException("the archive signing key and verify key are not one pair");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the archive key cannot be read (base64 DER Ed25519 expected)", e);
        }
    }

    /** A key that only verifies (an auditor's, the verify-archive command's). */
    public static ArchiveKey verifyingOnly(String publicKeyBase64) {
        try {
            return new ArchiveKey(null, verifyingKey(publicKeyBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the archive verify key cannot be read (base64 DER Ed25519 expected)", e);
        }
    }

    String sign(String text) {
        if (signing == null) {
            throw new IllegalStateException("this archive key only verifies");
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signing);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verifies(String text, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(verifying);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PublicKey verifyingKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decode(base64)));
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.strip());
    }
}
