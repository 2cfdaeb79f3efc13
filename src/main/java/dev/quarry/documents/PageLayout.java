package dev.quarry.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Where the text of a page sits on the page: one box per word, in PDF points from the top-left corner,
 * each covering characters {@code [start, end)} of the page text. Enough to highlight any passage.
 * Stored compactly (deflated, coordinates in tenths of a point).
 */
public record PageLayout(float width, float height, List<Box> boxes) {
    private static final int VERSION = 1;

    public record Box(int start, int end, float x, float y, float w, float h) {}

    /** The boxes that overlap characters {@code [start, end)} of the page text. */
    public List<Box> boxesFor(int start, int end) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            if (b.end() > start && b.start() < end) out.add(b);
        }
        return out;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeByte(VERSION);
            out.writeFloat(width);
            out.writeFloat(height);
            out.writeInt(boxes.size());
            int prev = 0;
            for (Box b : boxes) {
                writeVarInt(out, b.start() - prev);
                writeVarInt(out, b.end() - b.start());
                prev = b.start();
                out.writeInt(Math.round(b.x() * 10));
                out.writeInt(Math.round(b.y() * 10));
                writeVarInt(out, Math.max(0, Math.round(b.w() * 10)));
                writeVarInt(out, Math.max(0, Math.round(b.h() * 10)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static PageLayout decode(byte[] data) {
        if (data == null) return null;
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            int version = in.readByte();
            if (version != VERSION) throw new IOException("Unknown page layout version " + version);
            float w = in.readFloat(), h = in.readFloat();
            int n = in.readInt();
            List<Box> boxes = new ArrayList<>(n);
            int prev = 0;
            for (int i = 0; i < n; i++) {
                int start = prev + readVarInt(in);
                int end = start + readVarInt(in);
                prev = start;
                float x = in.readInt() / 10f, y = in.readInt() / 10f;
                float bw = readVarInt(in) / 10f, bh = readVarInt(in) / 10f;
                boxes.add(new Box(start, end, x, y, bw, bh));
            }
            return new PageLayout(w, h, boxes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeVarInt(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int v = 0, shift = 0, b;
        do {
            b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }
}
