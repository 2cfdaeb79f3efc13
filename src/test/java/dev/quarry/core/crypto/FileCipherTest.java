package dev.quarry.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FileCipherTest {
    private final FileCipher cipher = new FileCipher(new byte[32]);

    private byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = cipher.encrypt(out)) {
            // Odd write sizes cross chunk boundaries at every offset.
            for (int i = 0; i < plain.length; ) {
                int n = Math.min(plain.length - i, 1 + i % 5000);
                enc.write(plain, i, n);
                i += n;
            }
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed) throws IOException {
        return cipher.decrypt(new ByteArrayInputStream(sealed)).readAllBytes();
    }

    @Test
    void roundTripsAtEveryAwkwardLengthAndTellsThePlaintextLength() throws IOException {
        Random r = new Random(7);
        for (int len : new int[] {0, 1, FileCipher.CHUNK - 1, FileCipher.CHUNK, FileCipher.CHUNK + 1, 3 * FileCipher.CHUNK, 100_003}) {
            byte[] plain = new byte[len];
            r.nextBytes(plain);
            byte[] sealed = seal(plain);
            assertThat(open(sealed)).as("length %d", len).isEqualTo(plain);
            assertThat(FileCipher.plaintextLength(sealed.length)).isEqualTo(len);
        }
    }

    @Test
    void theSameContentTwiceIsTwoDifferentCiphertexts() throws IOException {
        byte[] plain = "The same exhibit, stored twice.".getBytes();
        assertThat(seal(plain)).isNotEqualTo(seal(plain));
    }

    @Test
    void aChangedByteOrAFileCutAtAChunkBoundaryIsRefused() throws IOException {
        byte[] plain = new byte[3 * FileCipher.CHUNK + 10];
        new Random(1).nextBytes(plain);
        byte[] sealed = seal(plain);

        byte[] flipped = sealed.clone();
        flipped[FileCipher.HEADER + FileCipher.CHUNK + 40] ^= 1;
        assertThatThrownBy(() -> open(flipped)).isInstanceOf(IOException.class).hasMessageContaining("damaged or was changed");

        // Two whole chunks, no more: each is authentic, but the second was not written as the last.
        byte[] cut = Arrays.copyOf(sealed, FileCipher.HEADER + 2 * (FileCipher.CHUNK + FileCipher.TAG));
        assertThatThrownBy(() -> open(cut)).isInstanceOf(IOException.class);

        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new FileCipher(otherKey).decrypt(new ByteArrayInputStream(sealed)).readAllBytes())
                .isInstanceOf(IOException.class);
    }
}
