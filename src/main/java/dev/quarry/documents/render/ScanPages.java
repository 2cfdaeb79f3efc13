package dev.quarry.documents.render;

import dev.quarry.core.BlobStore;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImageSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.w3c.dom.NodeList;

/**
 * The page images of a stored original, for OCR and for the viewer: a PDF page rendered at {@link #PDF_DPI}
 * in grey, a frame of a TIFF / PNG / JPEG, or a page of a production's {@link ImageSet}. Each page comes with
 * its resolution, so that word boxes measured in pixels become page units (PDF points: 72 / dpi per pixel)
 * the same way for OCR and for drawing. Not thread-safe (PDFBox is not): one per thread.
 */
public final class ScanPages implements AutoCloseable {
    /** 300 dpi: Tesseract's sweet spot for body text (about 1 s a page here, docs/BENCHMARKS.md). */
    public static final int PDF_DPI = 300;
    /** What an image without a resolution in its metadata is taken to be: a 300-dpi scan. */
    public static final int DEFAULT_IMAGE_DPI = 300;

    /** One page image and its resolution in dots per inch. */
    public record Page(BufferedImage image, int dpi) {
        public float unitsPerPixel() {
            return 72f / dpi;
        }
    }

    private final String mediaType;
    private final BlobStore blobs;
    private final BlobStore.Opened original;
    private final PDDocument pdf;
    private final ImageSet set;

    private ScanPages(String mediaType, BlobStore blobs, BlobStore.Opened original, PDDocument pdf, ImageSet set) {
        this.mediaType = mediaType;
        this.blobs = blobs;
        this.original = original;
        this.pdf = pdf;
        this.set = set;
    }

    /** Whether pages of this kind of document can be drawn as images (and so read by OCR). */
    public static boolean hasPageImages(String mediaType) {
        return mediaType != null && (mediaType.equals("application/pdf") || mediaType.equals(ImageSet.MEDIA_TYPE)
                || mediaType.equals("image/tiff") || mediaType.equals("image/png") || mediaType.equals("image/jpeg"));
    }

    /** Whether the document is made of images (not a PDF): its pages are drawn from them in the viewer. */
    public static boolean isImages(String mediaType) {
        return hasPageImages(mediaType) && !mediaType.equals("application/pdf");
    }

    public static String mediaTypeOf(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "tif", "tiff" -> "image/tiff";
            case "png" -> "image/png";
            default -> "image/jpeg";
        };
    }

    /** Opens the stored original {@code sha256} of a document of this media type. */
    public static ScanPages open(String mediaType, BlobStore blobs, String sha256) throws IOException {
        if (!hasPageImages(mediaType)) throw new QuarryException("A " + mediaType + " document has no page images.");
        BlobStore.Opened o = blobs.open(sha256);
        try {
            if (mediaType.equals("application/pdf")) {
                Path p = o.path();
                boolean onDisk = p.getFileSystem() == java.nio.file.FileSystems.getDefault();
                PDDocument d = onDisk ? Loader.loadPDF(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(p))
                        : Loader.loadPDF(Files.readAllBytes(p));
                return new ScanPages(mediaType, blobs, o, d, null);
            }
            if (mediaType.equals(ImageSet.MEDIA_TYPE)) {
                ImageSet s = ImageSet.decode(Files.readAllBytes(o.path()));
                o.close();
                return new ScanPages(mediaType, blobs, null, null, s);
            }
            return new ScanPages(mediaType, blobs, o, null, null);
        } catch (IOException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /** Page {@code number} (1-based) as an image. */
    public Page page(int number) throws IOException {
        if (pdf != null) {
            if (number < 1 || number > pdf.getNumberOfPages()) throw new IOException("The PDF has no page " + number);
            BufferedImage img = new PDFRenderer(pdf).renderImageWithDPI(number - 1, PDF_DPI, ImageType.GRAY);
            return new Page(img, PDF_DPI);
        }
        if (set != null) {
            if (number < 1 || number > set.pages().size()) throw new IOException("The document has no page " + number);
            ImageSet.Page p = set.pages().get(number - 1);
            if (!blobs.contains(p.image())) throw new IOException("The page image " + p.name() + " is not in the matter");
            try (BlobStore.Opened img = blobs.open(p.image())) {
                return frame(img.path(), p.frame());
            }
        }
        return frame(original.path(), number - 1);
    }

    /** How many frames (pages) an image file holds. */
    public static int frames(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            ImageReader r = reader(iis);
            try {
                r.setInput(iis, false, true);
                return r.getNumImages(true);
            } finally {
                r.dispose();
            }
        }
    }

    /** Frame {@code index} (0-based) of an image file, with the resolution its metadata gives (else 300 dpi). */
    public static Page frame(Path file, int index) throws IOException {
        try (InputStream in = Files.newInputStream(file); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            ImageReader r = reader(iis);
            try {
                r.setInput(iis, false, false);
                if (index >= r.getNumImages(true)) throw new IOException("The image has no page " + (index + 1));
                BufferedImage img = r.read(index);
                int dpi = DEFAULT_IMAGE_DPI;
                try {
                    dpi = dpi(r.getImageMetadata(index));
                } catch (IOException | RuntimeException e) {
                    // A resolution we cannot read is the default's.
                }
                return new Page(img, dpi);
            } finally {
                r.dispose();
            }
        }
    }

    private static ImageReader reader(ImageInputStream iis) throws IOException {
        if (iis == null) throw new IOException("The image cannot be opened");
        Iterator<ImageReader> it = ImageIO.getImageReaders(iis);
        if (!it.hasNext()) throw new IOException("The image is in a format Quarry cannot read");
        return it.next();
    }

    /** The horizontal resolution from the standard metadata (millimetres per pixel), kept to 72–1200 dpi. */
    static int dpi(IIOMetadata meta) {
        if (meta == null || !meta.isStandardMetadataFormatSupported()) return DEFAULT_IMAGE_DPI;
        org.w3c.dom.Node root = meta.getAsTree("javax_imageio_1.0");
        NodeList l = ((org.w3c.dom.Element) root).getElementsByTagName("HorizontalPixelSize");
        if (l.getLength() == 0) return DEFAULT_IMAGE_DPI;
        String v = ((org.w3c.dom.Element) l.item(0)).getAttribute("value");
        try {
            double mmPerPixel = Double.parseDouble(v);
            if (mmPerPixel <= 0) return DEFAULT_IMAGE_DPI;
            long dpi = Math.round(25.4 / mmPerPixel);
            return dpi < 72 || dpi > 1200 ? DEFAULT_IMAGE_DPI : (int) dpi;
        } catch (NumberFormatException e) {
            return DEFAULT_IMAGE_DPI;
        }
    }

    public static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    public String mediaType() {
        return mediaType;
    }

    @Override
    public void close() throws IOException {
        try {
            if (pdf != null) pdf.close();
        } finally {
            if (original != null) original.close();
        }
    }
}
