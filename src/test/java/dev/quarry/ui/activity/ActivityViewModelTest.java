package dev.quarry.ui.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.AuditLog;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.llm.LlmGateway;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityViewModelTest {
    @TempDir
    Path tmp;
    private Matter matter;
    private JobRepository jobs;
    private ActivityViewModel vm;

    @BeforeEach
    void setUp() {
        matter = Matter.create(tmp.resolve("matter"), "Test", null, null);
        jobs = new JobRepository(matter.db());
        vm = new ActivityViewModel(TaskRunner.sameThread(), jobs, matter.audit());
    }

    @AfterEach
    void tearDown() {
        matter.close();
    }

    /** Issue 11: the audit log's details column showed the event's JSON as it is stored. */
    @Test
    void detailsReadAsKeysAndValuesNotJson() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", "openai");
        d.put("tokens_input", 1234);
        d.put("document_ids", List.of(3, 5));
        d.put("redacted", true);
        d.put("redactions", Map.of("email", 2));
        d.put("error", null);
        d.put(LlmGateway.SENT_TEXT, Map.of("system", "You answer.", "user", "Question?"));
        matter.audit().record("llm.call", "qa", "7", d);
        vm.refresh();

        AuditLog.Event call = vm.events().stream().filter(e -> e.type().equals("llm.call")).findFirst().orElseThrow();
        String shown = ActivityViewModel.details(call);
        assertThat(shown).isEqualTo("provider: openai · tokens input: 1,234 · document ids: 3, 5 · redacted: yes · redactions: email 2");
        assertThat(ActivityViewModel.detailLines(call)).containsExactly(
                "provider: openai", "tokens input: 1,234", "document ids: 3, 5", "redacted: yes", "redactions: email 2");
        AuditLog.Event created = vm.events().stream().filter(e -> e.type().equals("matter.created")).findFirst().orElseThrow();
        assertThat(ActivityViewModel.details(created)).isEqualTo("encrypted: no");
    }

    /**
     * Issue 11: Activity listed "0 of 0" embed jobs, left by runs that found nothing to embed. Embed jobs
     * now record their counts and a run with nothing to do leaves no job (EmbeddingServiceTest); rows left
     * behind by older versions are not listed.
     */
    @Test
    void emptyEmbedJobsAreNotListed() {
        long empty = jobs.create("embed", "{}", null);
        jobs.finish(empty, JobStatus.COMPLETED, null);
        long embedded = jobs.create("embed", "{}", null);
        jobs.saveCounters(embedded, 40, 40);
        jobs.finish(embedded, JobStatus.COMPLETED, null);
        long failed = jobs.create("embed", "{}", null);
        jobs.finish(failed, JobStatus.FAILED, "The model could not be loaded.");
        long importJob = jobs.create("import", "{}", null);
        jobs.finish(importJob, JobStatus.COMPLETED, null);

        vm.refresh();

        assertThat(vm.recentJobs()).extracting(JobRecord::id).containsExactly(importJob, failed, embedded);
        JobRecord e = vm.recentJobs().get(2);
        assertThat(ActivityViewModel.progress(e)).isEqualTo("40 of 40 chunks");
    }
}
