package dev.quarry.llm;

import static dev.quarry.llm.FakeLlmServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.AuditLog;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmGatewayTest {
    static final String KEY = "sk-test-SECRET-4711";

    @TempDir Path tmp;
    Matter matter;
    FakeLlmServer server;

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("m"), "t", null, null);
        server = new FakeLlmServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
        matter.close();
    }

    LlmGateway openAi() {
        return LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "gpt-test", KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3)));
    }

    LlmGateway anthropic() {
        return LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.ANTHROPIC, server.anthropicBaseUrl(), "claude-test", KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3)));
    }

    static LlmRequest request(String user) {
        return new LlmRequest("You answer.", user, 200, 0, List.of(3L, 5L), "qa", "17", false);
    }

    @Test
    void openAiCompleteSpeaksChatCompletionsAndAuditsTheCall() {
        server.always(answer("The fee is $10 [1]."));
        LlmResponse r = openAi().complete(request("What is the fee?"));

        assertThat(r.text()).isEqualTo("The fee is $10 [1].");
        assertThat(r.inputTokens()).isEqualTo(42);
        assertThat(r.outputTokens()).isEqualTo(7);
        assertThat(r.retries()).isZero();
        FakeLlmServer.Received got = server.received().get(0);
        assertThat(got.path()).isEqualTo("/v1/chat/completions");
        assertThat(got.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(got.json().path("model").asText()).isEqualTo("gpt-test");
        assertThat(got.json().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(got.json().path("messages").get(1).path("content").asText()).isEqualTo("What is the fee?");

        AuditLog.Event e = matter.audit().list(LlmGateway.AUDIT_CALL, 10, 0).get(0);
        assertThat(e.entityId()).isEqualTo("17");
        assertThat(e.details()).containsEntry("provider", "openai").containsEntry("model", "gpt-test")
                .containsEntry("outcome", "ok").containsEntry("tokens_input", 42).containsEntry("tokens_output", 7)
                .containsEntry("document_ids", List.of(3, 5));
        assertThat(((Number) e.details().get("bytes_sent")).longValue()).isEqualTo(got.body().getBytes().length);
        assertThat(((Number) e.details().get("bytes_received")).longValue()).isPositive();
        assertKeyStoredNowhere();
    }

    @Test
    void openAiStreamDeliversPiecesAsTheyArrive() {
        server.always(answer("Streaming works as expected [2]."));
        List<String> pieces = new ArrayList<>();
        LlmResponse r = openAi().stream(request("q?"), pieces::add);
        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo("Streaming works as expected [2].");
        assertThat(r.text()).isEqualTo("Streaming works as expected [2].");
        assertThat(r.outputTokens()).isEqualTo(7);
        assertThat(server.received().get(0).json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anthropicMessagesPlainAndStreamed() {
        server.always(answer("Claude says hello [1]."));
        LlmGateway g = anthropic();
        assertThat(g.complete(request("hi there")).text()).isEqualTo("Claude says hello [1].");
        List<String> pieces = new ArrayList<>();
        LlmResponse s = g.stream(request("hi there"), pieces::add);
        assertThat(String.join("", pieces)).isEqualTo("Claude says hello [1].");
        assertThat(s.inputTokens()).isEqualTo(42);
        assertThat(s.outputTokens()).isEqualTo(7);
        FakeLlmServer.Received got = server.received().get(0);
        assertThat(got.path()).isEqualTo("/v1/messages");
        assertThat(got.header("x-api-key")).isEqualTo(KEY);
        assertThat(got.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(got.json().path("system").asText()).isEqualTo("You answer.");
        assertThat(got.json().path("max_tokens").asInt()).isEqualTo(200);
        assertKeyStoredNowhere();
    }

    @Test
    void unauthorizedIsAuthAndNotRetried() {
        // A server that echoes the key back in its error body, as some do.
        server.always(new FakeLlmServer.Status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}", Map.of()));
        assertThatThrownBy(() -> openAi().complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LlmFailure.AUTH);
                    assertThat(e.getMessage()).contains("API key").doesNotContain(KEY);
                    assertThat(e.detail()).contains("Incorrect API key").doesNotContain(KEY);
                });
        assertThat(server.received()).hasSize(1);
        assertThat(matter.audit().list(LlmGateway.AUDIT_CALL, 1, 0).get(0).details()).containsEntry("outcome", "auth");
    }

    @Test
    void rateLimitedWaitsForRetryAfterThenRetriesOnce() {
        server.then(FakeLlmServer.status(429, Map.of("Retry-After", "1"))).always(answer("fine"));
        long t0 = System.nanoTime();
        LlmResponse r = openAi().complete(request("q?"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.text()).isEqualTo("fine");
        assertThat(r.retries()).isEqualTo(1);
        assertThat(ms).isGreaterThanOrEqualTo(950);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void retryAfterGivenAsAnHttpDateIsHonouredToo() {
        String inTwoSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
        server.then(FakeLlmServer.status(429, Map.of("Retry-After", inTwoSeconds))).always(answer("fine"));
        long t0 = System.nanoTime();
        LlmResponse r = anthropic().complete(request("q?"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.text()).isEqualTo("fine");
        assertThat(r.retries()).isEqualTo(1);
        assertThat(ms).isGreaterThanOrEqualTo(900); // the date has whole seconds: at least one of the two remains
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void anthropicErrorBodiesAreClassifiedByStatus() {
        server.always(FakeLlmServer.status(401));
        assertThatThrownBy(() -> anthropic().complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.AUTH));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anErrorEventInTheMiddleOfAStreamIsReportedAndNotRetriedAfterTextWasShown() {
        server.always(FakeLlmServer.streamError("The answer ", "overloaded_error"));
        List<String> pieces = new ArrayList<>();
        assertThatThrownBy(() -> anthropic().stream(request("q?"), pieces::add))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LlmFailure.SERVER);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
                });
        assertThat(String.join("", pieces)).isEqualTo("The answer ");
        assertThat(server.received()).hasSize(1);
        assertThat(matter.audit().list(LlmGateway.AUDIT_CALL, 1, 0).get(0).details()).containsEntry("outcome", "server");

        // OpenAI-compatible servers put an error object in the stream instead.
        List<String> more = new ArrayList<>();
        assertThatThrownBy(() -> openAi().stream(request("q?"), more::add))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.SERVER));
        assertThat(String.join("", more)).isEqualTo("The answer ");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aTlsFailureIsToldApartFromAnUnreachableServer() {
        // What the JDK's client throws for a certificate it does not trust or a server that does not speak TLS:
        // a ConnectException (or the SSLException itself) with the SSL exception as its cause.
        java.net.ConnectException wrapped = new java.net.ConnectException("handshake");
        wrapped.initCause(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
        assertThat(HttpLlmClient.tlsFailure(wrapped)).isTrue();
        assertThat(HttpLlmClient.tlsFailure(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"))).isTrue();
        assertThat(HttpLlmClient.tlsFailure(new java.net.ConnectException("Connection refused"))).isFalse();
    }

    @Test
    void aStreamEventThatIsNotJsonIsABadResponse() {
        server.always(FakeLlmServer.garbledStream("Half "));
        for (LlmGateway g : List.of(openAi(), anthropic())) {
            assertThatThrownBy(() -> g.stream(request("q?"), p -> {}))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.BAD_RESPONSE));
        }
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void rateLimitedWithAWaitLongerThanAllowedFailsWithoutRetry() {
        server.always(FakeLlmServer.status(429, Map.of("Retry-After", "120")));
        assertThatThrownBy(() -> openAi().complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.RATE_LIMITED));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void serverErrorIsRetriedOnceThenReported() {
        server.always(FakeLlmServer.status(500));
        assertThatThrownBy(() -> anthropic().complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LlmFailure.SERVER);
                    assertThat(e.retries()).isEqualTo(1);
                });
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aStalledServerTimesOut() {
        server.always(FakeLlmServer.stall(3000));
        LlmGateway g = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "gpt-test", KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofSeconds(3)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> g.complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.TIMEOUT));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2900);
        assertThat(server.received()).hasSize(2); // one retry
    }

    @Test
    void aStreamThatGoesSilentTimesOutWithoutRetryingShownText() {
        server.always(FakeLlmServer.stallStream(4000, "Half an ", "answer"));
        LlmGateway g = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "gpt-test", KEY)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(3)));
        List<String> pieces = new ArrayList<>();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> g.stream(request("q?"), pieces::add))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.TIMEOUT));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3500);
        assertThat(String.join("", pieces)).isEqualTo("Half an answer");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aTruncatedStreamIsABadResponseAndNotRetriedAfterTextWasShown() {
        server.always(FakeLlmServer.truncated("The answer ", "is cut"));
        for (LlmGateway g : List.of(openAi(), anthropic())) {
            List<String> pieces = new ArrayList<>();
            assertThatThrownBy(() -> g.stream(request("q?"), pieces::add))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.failure()).isEqualTo(LlmFailure.BAD_RESPONSE);
                        assertThat(e.getMessage()).contains("cut off");
                    });
            assertThat(String.join("", pieces)).isEqualTo("The answer is cut");
        }
        assertThat(server.received()).hasSize(2); // one per provider, no retries
    }

    @Test
    void invalidJsonIsABadResponse() {
        server.always(FakeLlmServer.invalidJson());
        assertThatThrownBy(() -> openAi().complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.BAD_RESPONSE));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anUnreachableServerIsOffline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LlmGateway g = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, "http://127.0.0.1:" + port + "/v1", "m", null));
        assertThatThrownBy(() -> g.complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LlmFailure.OFFLINE);
                    assertThat(e.getMessage()).contains("127.0.0.1:" + port);
                });
    }

    @Test
    void theOfflineSwitchSendsNothingAtAll() {
        matter.settings().put(EgressPolicy.OFFLINE, "true");
        LlmGateway g = openAi();
        assertThat(g.available()).isFalse();
        assertThatThrownBy(() -> g.complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.failure()).isEqualTo(LlmFailure.OFFLINE));
        assertThatThrownBy(() -> g.stream(request("q?"), t -> {}))
                .isInstanceOf(LlmException.class);
        assertThat(server.received()).isEmpty();
        assertThat(matter.audit().list(LlmGateway.AUDIT_BLOCKED, 10, 0)).hasSize(2)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "offline_switch").containsEntry("bytes_sent", 0));
        assertThat(matter.audit().list(LlmGateway.AUDIT_CALL, 10, 0)).isEmpty();
    }

    @Test
    void redactionReplacesPersonalDataBeforeSendingAndRestoresItInTheAnswer() {
        matter.settings().put(EgressPolicy.REDACT, "true");
        // The model echoes the placeholders it received, as a model quoting its sources would.
        server.always(answer(body -> {
            String user = readUser(body);
            return "Contact " + user.substring(user.indexOf("[EMAIL_1]"), user.indexOf("[EMAIL_1]") + 9)
                    + " or [PHONE_1]; SSN [SSN_1], card [CARD_1], account [ACCOUNT_1].";
        }));
        String text = "Write to jane.doe@example.com or call (212) 555-0187. SSN 123-45-6789, card 4111 1111 1111 1111, "
                + "Account No. 0012345678.";
        for (boolean streamed : new boolean[] {false, true}) {
            LlmGateway g = openAi();
            List<String> pieces = new ArrayList<>();
            LlmResponse r = streamed ? g.stream(request(text), pieces::add) : g.complete(request(text));
            assertThat(r.text()).isEqualTo("Contact jane.doe@example.com or (212) 555-0187; SSN 123-45-6789, "
                    + "card 4111 1111 1111 1111, account 0012345678.");
            if (streamed) assertThat(String.join("", pieces)).isEqualTo(r.text());
        }
        for (FakeLlmServer.Received got : server.received()) {
            assertThat(got.body()).doesNotContain("jane.doe", "555-0187", "123-45-6789", "4111 1111", "0012345678")
                    .contains("[EMAIL_1]", "[PHONE_1]", "[SSN_1]", "[CARD_1]", "[ACCOUNT_1]");
        }
        AuditLog.Event e = matter.audit().list(LlmGateway.AUDIT_CALL, 1, 0).get(0);
        assertThat(e.details()).containsEntry("redacted", true);
        assertThat(Json.write(e.details())).doesNotContain("jane.doe");
    }

    @Test
    void aCallerCanAskForRedactionEvenWhenThePolicyDoesNot() {
        server.always(answer("ok"));
        openAi().complete(new LlmRequest("", "mail bob@corp.example now", 10, 0, List.of(), "qa", null, true));
        assertThat(server.received().get(0).body()).doesNotContain("bob@corp.example").contains("[EMAIL_1]");
    }

    @Test
    void theHourlyBudgetStopsCallsAndIsKeptInTheMatter() {
        matter.settings().put(EgressPolicy.QUERIES_PER_HOUR, "2");
        server.always(answer("ok"));
        openAi().complete(request("one"));
        openAi().complete(request("two"));
        assertThatThrownBy(() -> openAi().complete(request("three")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LlmFailure.BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).contains("2 language model calls per hour");
                });
        assertThat(server.received()).hasSize(2);
        UsageBudget.Usage u = new UsageBudget(matter.db()).usage();
        assertThat(u.queriesThisHour()).isEqualTo(2);
        assertThat(u.tokensToday()).isEqualTo(2 * (42 + 7));
    }

    @Test
    void theDailyTokenBudgetStopsCalls() {
        matter.settings().put(EgressPolicy.TOKENS_PER_DAY, "40");
        server.always(answer("ok"));
        openAi().complete(request("one")); // 49 tokens: now over the day's 40
        assertThatThrownBy(() -> openAi().complete(request("two")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage()).contains("tokens per day"));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void noConfiguredModelMeansNoCall() {
        LlmGateway g = LlmGateway.forMatter(matter, null);
        assertThat(g.available()).isFalse();
        assertThatThrownBy(() -> g.complete(request("q?")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage()).contains("No language model is configured"));
    }

    @Test
    void configFromEnvironmentAndKeyMasking() {
        LlmConfig c = LlmConfig.fromEnv(Map.of("QUARRY_LLM_PROVIDER", "anthropic", "QUARRY_LLM_MODEL", "claude-x",
                "QUARRY_LLM_API_KEY", KEY)).orElseThrow();
        assertThat(c.provider()).isEqualTo(LlmProvider.ANTHROPIC);
        assertThat(c.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(c.toString()).doesNotContain(KEY).contains("***");
        assertThat(LlmConfig.fromEnv(Map.of())).isEmpty();
        LlmConfig ollama = LlmConfig.fromEnv(Map.of("QUARRY_LLM_PROVIDER", "ollama", "QUARRY_LLM_BASE_URL",
                "http://localhost:11434/v1", "QUARRY_LLM_MODEL", "llama3.2")).orElseThrow();
        assertThat(ollama.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(ollama.apiKey()).isNull();
        assertThat(new OpenAiWire().endpoint("https://x.openai.azure.com/openai/deployments/d?api-version=2024-06-01").toString())
                .isEqualTo("https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-06-01");
    }

    @Test
    void apiKeysFileIsPrivateAndOutsideTheMatter() throws Exception {
        ApiKeys keys = new ApiKeys(tmp.resolve("home/credentials.properties"));
        keys.store(LlmProvider.OPENAI, KEY);
        assertThat(keys.find(LlmProvider.OPENAI, Map.of())).contains(KEY);
        assertThat(keys.find(LlmProvider.OPENAI, Map.of(ApiKeys.ENV, "from-env"))).contains("from-env");
        assertThat(java.nio.file.Files.getPosixFilePermissions(tmp.resolve("home/credentials.properties")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    private static String readUser(String body) {
        try {
            var n = Json.MAPPER.readTree(body).path("messages");
            return n.get(n.size() - 1).path("content").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** No table in the matter database holds the API key. */
    private void assertKeyStoredNowhere() {
        matter.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
                while (rs.next()) assertThat(rs.getString(1)).doesNotContain(KEY);
            }
            return null;
        });
    }
}
