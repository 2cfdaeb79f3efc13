package dev.quarry.core.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.core.WrongPasswordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An encrypted matter's master key: 32 random bytes, kept in {@code matter.key} wrapped (AES-256-GCM) by a
 * key that PBKDF2-HMAC-SHA256 derives from the password and a random salt. Every other key is derived
 * from it with HMAC-SHA256 and a label: the database's file password, the originals' and the indexes'
 * file keys, the key that names originals. A wrong password fails the wrap's tag and is told in one
 * sentence, before anything else in the folder is opened (docs/adr/0009-encrypted-matters.md).
 */
public final class MatterKey {
    public static final String FILE = "matter.key";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about half a second here. */
    static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@code matter.key} holds: nothing that helps without the password. */
    record KeyFile(@JsonProperty("format") int format,
                   @JsonProperty("kdf") String kdf,
                   @JsonProperty("iterations") int iterations,
                   @JsonProperty("salt") String salt,
                   @JsonProperty("nonce") String nonce,
                   @JsonProperty("wrapped_key") String wrappedKey) {}

    private final byte[] master;

    private MatterKey(byte[] master) {
        this.master = master;
    }

    public static boolean exists(Path matterDir) {
        return Files.isRegularFile(matterDir.resolve(FILE));
    }

    /** Makes a new master key and writes it, wrapped by {@code password}, into {@code matterDir/matter.key}. */
    public static MatterKey create(Path matterDir, char[] password) {
        byte[] master = new byte[32], salt = new byte[16], nonce = new byte[12];
        RANDOM.nextBytes(master);
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek(password, salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            byte[] wrapped = c.doFinal(master);
            Base64.Encoder b64 = Base64.getEncoder();
            KeyFile kf = new KeyFile(1, "PBKDF2WithHmacSHA256", ITERATIONS, b64.encodeToString(salt), b64.encodeToString(nonce),
                    b64.encodeToString(wrapped));
            Path file = matterDir.resolve(FILE), tmp = matterDir.resolve(FILE + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), kf);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM and PBKDF2 are part of every Java runtime", e);
        } catch (IOException e) {
            throw new QuarryException("The matter's key file could not be written in " + matterDir + ".", e);
        }
        return new MatterKey(master);
    }

    /** Reads the key file and unwraps the master key; only reads. */
    public static MatterKey open(Path matterDir, char[] password) {
        Path file = matterDir.resolve(FILE);
        KeyFile kf;
        try {
            kf = Json.MAPPER.readValue(Files.readAllBytes(file), KeyFile.class);
        } catch (NoSuchFileException e) {
            throw new QuarryException("The matter's key file (" + FILE + ") is missing; restore the matter folder from a backup.", e);
        } catch (IOException e) {
            throw new QuarryException("The matter's key file (" + FILE + ") is damaged; restore the matter folder from a backup.", e);
        }
        if (kf.format() != 1 || !"PBKDF2WithHmacSHA256".equals(kf.kdf())) {
            throw new QuarryException("This matter's key file was made by a newer version of Quarry; update Quarry to open it.");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek(password, b64.decode(kf.salt()), kf.iterations()),
                    new GCMParameterSpec(128, b64.decode(kf.nonce())));
            return new MatterKey(c.doFinal(b64.decode(kf.wrappedKey())));
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException(e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new QuarryException("The matter's key file (" + FILE + ") is damaged; restore the matter folder from a backup.", e);
        }
    }

    private static SecretKeySpec kek(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(k, "AES");
        } finally {
            spec.clearPassword();
        }
    }

    /** A 32-byte key for one purpose, HMAC-SHA256(master, label). */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * The database's file password, in hex. H2 stretches a file password only lightly (a few PBKDF2 rounds),
     * so it gets 256 bits derived from the master key instead of the password itself: a guess at the password
     * must go through the key file's 600,000 rounds.
     */
    public char[] databasePassword() {
        return HexFormat.of().formatHex(derive("quarry.database.v1")).toCharArray();
    }

    public FileCipher originals() {
        return new FileCipher(derive("quarry.originals.v1"));
    }

    public FileCipher indexes() {
        return new FileCipher(derive("quarry.indexes.v1"));
    }

    /** The key that names stored originals, so a file name does not give away the content's SHA-256. */
    public byte[] namingKey() {
        return derive("quarry.original-names.v1");
    }

    /** Forgets the master key (best effort: the JVM may hold copies). */
    public void destroy() {
        Arrays.fill(master, (byte) 0);
    }
}
