package dev.quarry.documents.importers;

import dev.quarry.core.QuarryException;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import dev.quarry.documents.TextDecoding;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Internet mail (.eml, RFC 5322/MIME). The page is the header block and the body, preferring the
 * text/plain alternative and converting HTML only when there is no plain text. Every attachment,
 * including a forwarded message (message/rfc822), is handed to the child sink and becomes its own
 * document under this one.
 */
public final class EmlImporter implements Importer {
    static final String MEDIA = "message/rfc822";
    private static final Set<String> EXTENSIONS = Set.of("eml");
    private static final Session SESSION = session();

    private static Session session() {
        Properties p = new Properties();
        // Be lenient: productions are full of mail from broken clients.
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
    }

    @Override
    public String name() {
        return "eml";
    }

    @Override
    public boolean accepts(Source source, byte[] head) {
        return EXTENSIONS.contains(source.extension());
    }

    @Override
    public ParsedDocument parse(Source source, ImportContext context) throws IOException {
        if (Files.size(source.file()) == 0) return ParsedDocument.failed(MEDIA, OfficeFiles.EMPTY);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source.file()))) {
            MimeMessage msg = new MimeMessage(SESSION, in);
            MailText mail = new MailText();
            mail.subject = msg.getSubject();
            mail.from = addresses(msg, "From");
            mail.date = msg.getSentDate() == null ? null : msg.getSentDate().toInstant();
            mail.headers.put("to", addresses(msg, "To"));
            mail.headers.put("cc", addresses(msg, "Cc"));
            mail.headers.put("bcc", addresses(msg, "Bcc"));
            mail.headers.put("date", msg.getHeader("Date", null));
            mail.headers.put("message-id", msg.getMessageID());
            mail.headers.put("in-reply-to", msg.getHeader("In-Reply-To", " "));
            Bodies bodies = new Bodies();
            List<Part> attachments = new ArrayList<>();
            walk(msg, bodies, attachments, 0);
            mail.body = bodies.text();
            for (Part a : attachments) {
                context.cancel().throwIfCancelled();
                String name = mail.uniqueName(fileName(a), fallbackName(a, attachments.indexOf(a) + 1));
                try (InputStream content = a.getInputStream()) {
                    context.children().add(name, source.sourcePath() + "!/" + name, content, mail.childFields());
                }
            }
            return mail.document(MEDIA);
        } catch (QuarryException e) {
            throw e;
        } catch (MessagingException | RuntimeException e) {
            return ParsedDocument.failed(MEDIA, "The e-mail could not be read; it may be damaged (" + OfficeFiles.brief(e) + ").");
        }
    }

    private static String addresses(MimeMessage msg, String header) throws MessagingException {
        String raw = msg.getHeader(header, ", ");
        if (raw == null) return null;
        try {
            Address[] parsed = InternetAddress.parseHeader(raw, false);
            List<String> out = new ArrayList<>();
            for (Address a : parsed) out.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
            return String.join(", ", out);
        } catch (MessagingException | RuntimeException e) {
            return decode(raw);
        }
    }

    private static String decode(String s) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(s));
        } catch (IOException e) {
            return s;
        }
    }

    /** Sorts the parts into body text and attachments; depth guards against absurdly nested multiparts. */
    private static void walk(Part p, Bodies bodies, List<Part> attachments, int depth) throws MessagingException, IOException {
        if (depth > 50) return;
        if (p.isMimeType("multipart/*")) {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) walk(mp.getBodyPart(i), bodies, attachments, depth + 1);
                return;
            }
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()) || fileName(p) != null;
        if (!attached && p.isMimeType("text/plain")) bodies.plain.add(text(p));
        else if (!attached && p.isMimeType("text/html")) bodies.html.add(text(p));
        else attachments.add(p);
    }

    private static String text(Part p) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String charset = null;
        try {
            charset = new ContentType(p.getContentType()).getParameter("charset");
        } catch (MessagingException e) {
            // A broken Content-Type header: decode the bytes by inspection instead.
        }
        if (charset != null) {
            try {
                return new String(bytes, Charset.forName(MimeUtility.javaCharset(charset.strip())));
            } catch (IllegalArgumentException e) {
                // Unknown or misspelled charset name: fall through to detection.
            }
        }
        return TextDecoding.decode(bytes);
    }

    private static String fileName(Part p) {
        try {
            String n = p.getFileName();
            return n == null ? null : decode(n);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fallbackName(Part p, int index) throws MessagingException {
        if (p.isMimeType("message/rfc822")) return "message-" + index + ".eml";
        String ext = "";
        try {
            String base = new ContentType(p.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT);
            ext = switch (base) {
                case "text/plain" -> ".txt";
                case "text/html" -> ".html";
                case "text/calendar" -> ".ics";
                case "application/pdf" -> ".pdf";
                case "image/jpeg" -> ".jpg";
                case "image/png" -> ".png";
                case "image/gif" -> ".gif";
                case "application/ms-tnef" -> ".dat";
                default -> ".bin";
            };
        } catch (MessagingException e) {
            ext = ".bin";
        }
        return "attachment-" + index + ext;
    }

    private static final class Bodies {
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();

        String text() {
            if (!plain.isEmpty()) return String.join("\n", plain);
            List<String> out = new ArrayList<>();
            for (String h : html) out.add(HtmlText.of(Jsoup.parse(h)));
            return String.join("\n", out);
        }
    }
}
