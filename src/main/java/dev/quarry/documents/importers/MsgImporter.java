package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Calendar;
import java.util.Set;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.datatypes.ByteChunk;
import org.apache.poi.hsmf.datatypes.StringChunk;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.EntryUtils;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.jsoup.Jsoup;

/**
 * Outlook messages (.msg, POI HSMF) in the same shape as {@link EmlImporter}: a header block and the
 * body (plain text, else HTML as text, else the compressed RTF body decompressed by HSMF and read by
 * {@link RtfText}), attachments as child documents. An attached Outlook item is
 * written out as a .msg of its own (the attachment's storage copied into a new compound file) so it is
 * imported like any other message, with its own attachments under it.
 */
public final class MsgImporter implements Importer {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MsgImporter.class);
    static final String MEDIA = "application/vnd.ms-outlook";
    private static final String PROPERTIES = "__properties_version1.0";
    private static final String NAMEID = "__nameid_version1.0";

    @Override
    public String name() {
        return "msg";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return Set.of("msg").contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        if (!OfficeFiles.isOle2(OfficeFiles.head(source.file()))) {
            return ParsedDocument.failed(MEDIA, "The file is not an Outlook message (it may be damaged or misnamed).");
        }
        try (POIFSFileSystem fs = OfficeFiles.ole2(source.file())) {
            MAPIMessage msg = new MAPIMessage(fs.getRoot());
            msg.setReturnNullOnMissingChunk(true);
            MailText mail = new MailText();
            mail.subject = msg.getSubject();
            mail.from = msg.getDisplayFrom();
            mail.date = date(msg);
            mail.headers.put("to", msg.getDisplayTo());
            mail.headers.put("cc", msg.getDisplayCC());
            mail.headers.put("bcc", msg.getDisplayBCC());
            mail.body = body(msg);
            int index = 0;
            for (AttachmentChunks a : msg.getAttachmentFiles()) {
                context.cancel().throwIfCancelled();
                index++;
                byte[] bytes;
                String name;
                if (a.isEmbeddedMessage()) {
                    bytes = standalone(a.getAttachmentDirectory().getDirectory(), fs.getRoot());
                    MAPIMessage inner = a.getEmbeddedMessage();
                    inner.setReturnNullOnMissingChunk(true);
                    String subject = inner.getSubject();
                    name = mail.uniqueName(subject == null || subject.isBlank() ? null : subject + ".msg", "message-" + index + ".msg");
                } else {
                    ByteChunk data = a.getAttachData();
                    if (data == null) continue; // a link or an OLE object with no stored bytes
                    bytes = data.getValue();
                    name = mail.uniqueName(first(a.getAttachLongFileName(), a.getAttachFileName()), "attachment-" + index + ".bin");
                }
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    context.children().add(name, source.sourcePath() + "!/" + name, in, mail.childFields());
                }
            }
            return mail.document(MEDIA);
        } catch (QuarryException e) {
            throw e;
        } catch (ChunkNotFoundException | RuntimeException e) {
            return OfficeFiles.failure(MEDIA, "Outlook message", e);
        } catch (IOException e) {
            return OfficeFiles.failure(MEDIA, "Outlook message", e);
        }
    }

    private static String body(MAPIMessage msg) throws ChunkNotFoundException, IOException {
        String text = msg.getTextBody();
        if (text != null && !text.isBlank()) return text;
        String html = msg.getHtmlBody();
        if (html != null && !html.isBlank()) return HtmlText.of(Jsoup.parse(html));
        // Some Outlook versions store the body only as compressed RTF (PR_RTF_COMPRESSED); HSMF
        // decompresses it, RtfText reads it (an RTF that wraps HTML gives that HTML's text).
        String rtf = rtfBody(msg);
        if (rtf != null && !rtf.isBlank()) return RtfText.text(rtf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return text == null ? "" : text;
    }

    /** The decompressed RTF body, or null when the message has none or it cannot be decompressed. */
    private static String rtfBody(MAPIMessage msg) {
        try {
            return msg.getRtfBody();
        } catch (ChunkNotFoundException | RuntimeException e) {
            // POI signals a damaged LZFu stream with assorted runtime exceptions; the headers and
            // attachments are still good, so the message imports without a body rather than failing.
            log.info("The compressed RTF body of a message could not be read: {}", e.toString());
            return null;
        }
    }

    private static java.time.Instant date(MAPIMessage msg) {
        try {
            Calendar c = msg.getMessageDate();
            return c == null ? null : c.toInstant();
        } catch (ChunkNotFoundException | RuntimeException e) {
            // Drafts and some exports carry no submit time and no transport headers.
            return null;
        }
    }

    private static String first(StringChunk a, StringChunk b) {
        if (a != null && !a.getValue().isBlank()) return a.getValue();
        return b == null ? null : b.getValue();
    }

    /**
     * An embedded message as a .msg file: its storage copied to the root of a new compound file. An
     * embedded message's property stream has a 24-byte header where a top-level one has 32, so eight
     * reserved bytes are inserted; the named-property map lives only in the outer message and is copied.
     */
    static byte[] standalone(DirectoryNode embedded, DirectoryNode outerRoot) throws IOException {
        try (POIFSFileSystem out = new POIFSFileSystem()) {
            DirectoryEntry root = out.getRoot();
            for (org.apache.poi.poifs.filesystem.Entry e : embedded) {
                if (e.getName().equals(PROPERTIES) && e instanceof DocumentEntry d) {
                    byte[] props;
                    try (DocumentInputStream in = new DocumentInputStream(d)) {
                        props = in.readAllBytes();
                    }
                    byte[] fixed = new byte[props.length + 8];
                    System.arraycopy(props, 0, fixed, 0, Math.min(24, props.length));
                    if (props.length > 24) System.arraycopy(props, 24, fixed, 32, props.length - 24);
                    root.createDocument(PROPERTIES, new ByteArrayInputStream(fixed));
                } else {
                    EntryUtils.copyNodeRecursively(e, root);
                }
            }
            if (!root.hasEntry(NAMEID) && outerRoot.hasEntry(NAMEID)) {
                EntryUtils.copyNodeRecursively(outerRoot.getEntry(NAMEID), root);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.writeFilesystem(bytes);
            return bytes.toByteArray();
        }
    }
}
