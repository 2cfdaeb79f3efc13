package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.Fields;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlImporterTest {
    private static final Instant SENT = Instant.parse("2023-03-14T09:26:53Z");
    private static final Session SESSION = Session.getInstance(new Properties());

    @TempDir
    Path dir;

    private static MimeMessage forwarded() throws Exception {
        MimeMessage inner = new MimeMessage(SESSION);
        inner.setFrom(new InternetAddress("cfo@acme.example", "Chief Financial"));
        inner.setRecipients(Message.RecipientType.TO, "ceo@acme.example");
        inner.setSubject("Q1 numbers");
        inner.setSentDate(Date.from(Instant.parse("2023-03-13T18:00:00Z")));
        inner.setText("Revenue is down 4%.", "UTF-8");
        inner.saveChanges();
        return inner;
    }

    /** A message with a plain/HTML alternative body, a PDF attachment and a forwarded message. */
    private byte[] message(boolean withPlain) throws Exception {
        MimeMessage msg = new MimeMessage(SESSION);
        msg.setFrom(new InternetAddress("ceo@acme.example", "Chief Exec"));
        msg.setRecipients(Message.RecipientType.TO, "counsel@law.example, paralegal@law.example");
        msg.setRecipients(Message.RecipientType.CC, "board@acme.example");
        msg.setSubject("Fwd: Q1 numbers — privileged", "UTF-8");
        msg.setSentDate(Date.from(SENT));

        MimeMultipart alternative = new MimeMultipart("alternative");
        if (withPlain) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText("Please review before Friday.\nThanks.", "UTF-8");
            alternative.addBodyPart(plain);
        }
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p>Please <b>review</b> before Friday.</p><p>Thanks.</p></body></html>", "text/html; charset=UTF-8");
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setContent("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII), "application/pdf");
        pdf.setFileName("board deck.pdf");
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);

        MimeBodyPart nested = new MimeBodyPart();
        nested.setContent(forwarded(), "message/rfc822");

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        mixed.addBodyPart(nested);
        msg.setContent(mixed);
        msg.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        msg.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void pageIsTheHeaderBlockAndThePlainBodyAndAttachmentsBecomeChildren() throws Exception {
        Path f = dir.resolve("fwd.eml");
        Files.write(f, message(true));

        TestImports.Result r = TestImports.parse(new EmlImporter(), f);
        ParsedDocument d = r.document();

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo("message/rfc822");
        assertThat(d.pages()).hasSize(1);
        assertThat(d.pages().get(0).text()).isEqualTo("""
                From: Chief Exec <ceo@acme.example>
                To: counsel@law.example, paralegal@law.example
                Cc: board@acme.example
                Date: Tue, 14 Mar 2023 09:26:53 UTC
                Subject: Fwd: Q1 numbers — privileged

                Please review before Friday.
                Thanks.""");
        assertThat(d.title()).isEqualTo("Fwd: Q1 numbers — privileged");
        assertThat(d.author()).isEqualTo("Chief Exec <ceo@acme.example>");
        assertThat(d.date()).isEqualTo(SENT);
        assertThat(d.metadata()).containsEntry("cc", "board@acme.example").containsKey("message-id");

        assertThat(r.children()).hasSize(2);
        TestImports.Child deck = r.children().get(0);
        assertThat(deck.fileName()).isEqualTo("board deck.pdf");
        assertThat(deck.sourcePath()).isEqualTo(f + "!/board deck.pdf");
        assertThat(new String(deck.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
        assertThat(deck.fields()).containsEntry(Fields.DATE, SENT.toString());

        TestImports.Child fwd = r.children().get(1);
        assertThat(fwd.fileName()).isEqualTo("message-2.eml");
        Path inner = dir.resolve(fwd.fileName());
        Files.write(inner, fwd.content());
        ParsedDocument innerDoc = TestImports.parse(new EmlImporter(), inner).document();
        assertThat(innerDoc.title()).isEqualTo("Q1 numbers");
        assertThat(innerDoc.pages().get(0).text()).startsWith("From: Chief Financial <cfo@acme.example>\n")
                .endsWith("\n\nRevenue is down 4%.");
    }

    @Test
    void htmlOnlyBodyIsConvertedToText() throws Exception {
        Path f = dir.resolve("html.eml");
        Files.write(f, message(false));

        ParsedDocument d = TestImports.parse(new EmlImporter(), f).document();

        assertThat(d.pages().get(0).text()).endsWith("Subject: Fwd: Q1 numbers — privileged\n\nPlease review before Friday.\nThanks.\n");
    }

    @Test
    void emptyFileFailsAndAttachmentNamesStayUnique() throws Exception {
        Path f = dir.resolve("none.eml");
        Files.write(f, new byte[0]);
        assertThat(TestImports.parse(new EmlImporter(), f).document().reason()).isEqualTo("The file is empty.");

        MailText names = new MailText();
        assertThat(names.uniqueName("a.pdf", "x")).isEqualTo("a.pdf");
        assertThat(names.uniqueName("A.pdf", "x")).isEqualTo("A (2).pdf");
        assertThat(names.uniqueName("../evil!/b.txt", "x")).isEqualTo(".._evil__b.txt");
        assertThat(names.uniqueName(null, "attachment-3.bin")).isEqualTo("attachment-3.bin");
    }
}
