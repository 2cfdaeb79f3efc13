package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.testing.WordTokenCounter;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An e-mail family through the real import job: the message, its attachment and a forwarded message with its own. */
class MailFamilyImportTest {
    private static final Session SESSION = Session.getInstance(new Properties());

    @TempDir
    Path dir;

    private static MimeMessage message(String subject, String body, MimeBodyPart... attachments) throws Exception {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(new InternetAddress("a@example.com"));
        m.setRecipients(Message.RecipientType.TO, "b@example.com");
        m.setSubject(subject);
        m.setSentDate(Date.from(Instant.parse("2024-02-01T10:00:00Z")));
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        mixed.addBodyPart(text);
        for (MimeBodyPart a : attachments) mixed.addBodyPart(a);
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    private static MimeBodyPart file(String name, String content) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(content, "UTF-8");
        p.setFileName(name);
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        return p;
    }

    @Test
    void attachmentsAndNestedMessagesBecomeChildDocuments() throws Exception {
        MimeBodyPart forwarded = new MimeBodyPart();
        forwarded.setContent(message("Inner", "the inner body", file("inner note.txt", "nested attachment text")), "message/rfc822");
        Path eml = dir.resolve("in").resolve("outer.eml");
        Files.createDirectories(eml.getParent());
        try (OutputStream out = Files.newOutputStream(eml)) {
            message("Outer", "the outer body", file("ledger.csv", "a,b\n1,2\n"), forwarded).writeTo(out);
        }

        try (Matter matter = Matter.create(dir.resolve("matter"), "t", null, null)) {
            ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 1);
            long job = service.plan(List.of(eml.getParent()), "mail");
            ImportService.Report report = service.run(job, ProgressListener.NONE, new CancelToken());

            assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
            List<DocumentSummary> docs = new DocumentRepository(matter.db()).listAll();
            Map<String, DocumentSummary> byName = docs.stream().collect(Collectors.toMap(DocumentSummary::fileName, d -> d));
            assertThat(byName.keySet()).containsExactlyInAnyOrder("outer.eml", "ledger.csv", "message-2.eml", "inner note.txt");
            assertThat(docs).allSatisfy(d -> assertThat(d.status()).as(d.fileName() + ": " + d.error()).isEqualTo(DocumentStatus.COMPLETED));
            long outer = byName.get("outer.eml").id();
            assertThat(byName.get("ledger.csv").parentId()).isEqualTo(outer);
            assertThat(byName.get("message-2.eml").parentId()).isEqualTo(outer);
            assertThat(byName.get("inner note.txt").parentId()).isEqualTo(byName.get("message-2.eml").id());
            assertThat(new DocumentRepository(matter.db()).sourcePaths(byName.get("inner note.txt").id()))
                    .containsExactly(eml + "!/message-2.eml!/inner note.txt");
        }
    }
}
