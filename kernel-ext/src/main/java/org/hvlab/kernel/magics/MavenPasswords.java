package org.hvlab.kernel.magics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Maven 3's encrypted passwords ({@code mvn --encrypt-master-password}, {@code mvn --encrypt-password}): a value
 * {@code {base64}}, optionally after a comment, holding an 8-byte salt, a padding length byte and AES-128-CBC
 * ciphertext whose key and IV are the two halves of SHA-256(passphrase, salt). Server and proxy passwords are
 * encrypted with the master password, which {@code settings-security.xml} holds encrypted with the passphrase
 * {@code settings.security}. Checked against the strings Debian's Maven 3.8 writes.
 */
final class MavenPasswords {
    /** The first {@code {...}} not escaped by a backslash, with any text around it, as plexus-cipher reads it. */
    private static final Pattern ENCRYPTED = Pattern.compile("(?<!\\\\)\\{(.*?[^\\\\])}", Pattern.DOTALL);
    private static final String MASTER_PASSPHRASE = "settings.security";
    private static final int SALT = 8;

    private MavenPasswords() {}

    /** Whether a value is in the encrypted form. */
    static boolean encrypted(String value) {
        return ENCRYPTED.matcher(value).find();
    }

    /** The clear text of an encrypted value, or empty when the passphrase does not open it. */
    static Optional<String> decrypt(String value, String passphrase) {
        Matcher m = ENCRYPTED.matcher(value);
        if (!m.find()) return Optional.empty();
        try {
            byte[] all = Base64.getDecoder().decode(m.group(1));
            if (all.length < SALT + 1 + 16) return Optional.empty();
            byte[] salt = Arrays.copyOf(all, SALT);
            int pad = all[SALT] & 0xff;
            int length = all.length - SALT - 1 - pad;
            if (length <= 0) return Optional.empty();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(passphrase.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] keyAndIv = sha.digest();
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 16, "AES"),
                    new IvParameterSpec(keyAndIv, 16, 16));
            byte[] clear = aes.doFinal(all, SALT + 1, length);
            // a wrong passphrase gets past the padding check one time in 256: its bytes are then rarely UTF-8
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(clear)).toString());
        } catch (IllegalArgumentException | GeneralSecurityException | java.nio.charset.CharacterCodingException e) {
            return Optional.empty(); // not base64, a wrong passphrase (bad padding) or not text
        }
    }

    /**
     * The master password from a {@code settings-security.xml} (following its {@code <relocation>}s), or empty
     * when there is no such file or it holds no master password that opens.
     */
    static Optional<String> master(Path securityFile) {
        return master(securityFile, 8);
    }

    /** A relocation is followed before the file's own master, as Maven does; {@code hops} ends a relocation loop. */
    private static Optional<String> master(Path securityFile, int hops) {
        if (hops == 0 || !Files.isRegularFile(securityFile)) return Optional.empty();
        Element root = MavenSettings.parse(securityFile).getDocumentElement();
        Optional<String> relocation = text(root, "relocation");
        if (relocation.isPresent()) return master(securityFile.resolveSibling(relocation.get()), hops - 1);
        return text(root, "master").flatMap(m -> decrypt(m, MASTER_PASSPHRASE));
    }

    private static Optional<String> text(Element root, String name) {
        return MavenSettings.direct(root, name).stream().map(e -> e.getTextContent().strip())
                .filter(t -> !t.isEmpty()).findFirst();
    }
}
