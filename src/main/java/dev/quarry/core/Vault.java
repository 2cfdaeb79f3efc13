package dev.quarry.core;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cryptomator.cryptofs.CryptoFileSystemProperties;
import org.cryptomator.cryptofs.CryptoFileSystemProvider;
import org.cryptomator.cryptolib.api.InvalidPassphraseException;
import org.cryptomator.cryptolib.api.Masterkey;
import org.cryptomator.cryptolib.api.MasterkeyLoadingFailedException;
import org.cryptomator.cryptolib.common.MasterkeyFileAccess;

/**
 * The encrypted storage of an encrypted matter (docs/adr/0009-encrypted-matters.md): a Cryptomator vault in
 * {@code vault/}, mounted as a {@link java.nio.file.FileSystem} that holds the matter's originals
 * ({@code /files}) and indexes ({@code /index}). Contents are AES-GCM per 32 KiB chunk and names AES-SIV,
 * under a random 512-bit master key that {@code vault/masterkey.cryptomator} keeps wrapped with a key
 * scrypt derives from the password. The database key is derived from the same master key, so one
 * password unlocks everything and a wrong one is refused here, before any file is opened or written.
 */
public final class Vault implements AutoCloseable {
    /** The vault's folder in the matter. */
    public static final String DIR = "vault";
    static final String MASTERKEY_FILE = "masterkey.cryptomator";
    private static final URI KEY_ID = URI.create("masterkeyfile:" + MASTERKEY_FILE);
    /** Cryptomator's own default; a pepper would only be one more thing to lose. */
    private static final byte[] PEPPER = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileSystem fs;
    private final char[] databasePassword;

    private Vault(FileSystem fs, char[] databasePassword) {
        this.fs = fs;
        this.databasePassword = databasePassword;
    }

    /** True when {@code matterDir} holds a vault. */
    public static boolean exists(Path matterDir) {
        return Files.isRegularFile(matterDir.resolve(DIR).resolve(MASTERKEY_FILE));
    }

    /** Makes a new vault in {@code matterDir} under a fresh random master key wrapped by {@code password}. */
    static Vault create(Path matterDir, char[] password) {
        Path dir = matterDir.resolve(DIR);
        try (Masterkey key = Masterkey.generate(RANDOM)) {
            Files.createDirectories(dir);
            new MasterkeyFileAccess(PEPPER, RANDOM).persist(key, dir.resolve(MASTERKEY_FILE), new String(password));
            CryptoFileSystemProperties props = properties(key);
            CryptoFileSystemProvider.initialize(dir, props, KEY_ID);
            return mount(dir, key, props);
        } catch (IOException | MasterkeyLoadingFailedException e) {
            throw new QuarryException("The matter's encrypted storage could not be created in " + dir + ".", e);
        }
    }

    /**
     * Unlocks the vault. A wrong password is a {@link WrongPasswordException}, raised before anything in
     * the folder is opened for writing.
     */
    static Vault open(Path matterDir, char[] password) {
        Path dir = matterDir.resolve(DIR);
        Masterkey key;
        try {
            key = new MasterkeyFileAccess(PEPPER, RANDOM).load(dir.resolve(MASTERKEY_FILE), new String(password));
        } catch (InvalidPassphraseException e) {
            throw new WrongPasswordException(e);
        } catch (MasterkeyLoadingFailedException e) {
            throw new QuarryException(e.getCause() instanceof NoSuchFileException
                    ? "The matter's key file (" + DIR + "/" + MASTERKEY_FILE + ") is missing; restore the matter folder from a backup."
                    : "The matter's key file (" + DIR + "/" + MASTERKEY_FILE + ") is damaged; restore the matter folder from a backup.", e);
        }
        try (key) {
            return mount(dir, key, properties(key));
        } catch (IOException | MasterkeyLoadingFailedException e) {
            throw new QuarryException("The matter's encrypted storage in " + dir + " could not be opened; restore the matter folder from a backup.", e);
        }
    }

    private static CryptoFileSystemProperties properties(Masterkey key) {
        // cryptofs asks for the key by the id written into vault.cryptomator and destroys the copy it is given;
        // it asks only while the vault is initialised or mounted, when {@code key} is still alive.
        return CryptoFileSystemProperties.cryptoFileSystemProperties()
                .withKeyLoader(id -> key.copy())
                .build();
    }

    private static Vault mount(Path dir, Masterkey key, CryptoFileSystemProperties props) throws IOException, MasterkeyLoadingFailedException {
        FileSystem fs = CryptoFileSystemProvider.newFileSystem(dir, props);
        return new Vault(fs, databasePassword(key));
    }

    /**
     * The database's file password: HMAC-SHA256 of a fixed label under the master key's MAC half, in hex.
     * H2 stretches its file password only lightly (PBKDF2, a few iterations), so it is given 256 random-looking
     * bits instead of the user's password: guessing the password must go through scrypt.
     */
    private static char[] databasePassword(Masterkey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            try (var macKey = key.getMacKey()) {
                byte[] raw = macKey.getEncoded();
                mac.init(new SecretKeySpec(raw, "HmacSHA256"));
                java.util.Arrays.fill(raw, (byte) 0);
            }
            byte[] derived = mac.doFinal("quarry.database-file-key.v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(derived).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A path inside the vault, e.g. {@code path("files")}. */
    public Path path(String first, String... more) {
        return fs.getPath("/" + first, more);
    }

    /** The database's file password (see {@link #databasePassword(Masterkey)}). */
    char[] databasePassword() {
        return databasePassword.clone();
    }

    @Override
    public void close() {
        try {
            fs.close();
        } catch (IOException e) {
            throw new QuarryException("The matter's encrypted storage could not be closed cleanly.", e);
        }
    }
}
