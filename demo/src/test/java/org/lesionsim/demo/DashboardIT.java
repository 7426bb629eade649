package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lesionsim.data.synthetic.SyntheticLesionGenerator;
import org.lesionsim.events.EventCodec;
import org.lesionsim.events.MetricsScored;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's dashboard in a real browser (Debian's headless Chromium through Selenium), on the
 * real stack: broker, S3 server, the chain's workers and the console as packaged jars. Three cases go
 * in through ingest and come out scored; the gallery lists them, a case's α slider swaps the frame,
 * a dead letter (a simulation asking for a SeFa direction that does not exist) is listed, inspected
 * and replayed, and a console restart loses nothing. Screenshots land in target/screenshots/; the
 * dashboard's load time and the delay from a case's {@code metrics.scored} to the dashboard showing
 * it scored are printed (DASHBOARD-FIGURES lines). Needs {@code chromium} and {@code chromium-driver}
 * (apt-get); on CI their absence is a failure, elsewhere the test is skipped with that instruction.
 */
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> WORKERS = List.of("ingest", "preprocess", "inversion", "directions", "progression", "metrics",
            DemoStack.CONSOLE);
    static final int CASES = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path screenshots = Path.of("target/screenshots").toAbsolutePath();

    @Test
    void theDashboardShowsCasesFramesAndDeadLettersAndSurvivesAConsoleRestart() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but the dashboard test " + why);
            }
            Assumptions.abort("cannot run: " + why);
        }
        Files.createDirectories(screenshots);
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path models = root.resolve("models");
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dashboard-");
        Path dataset = data.resolve("synthetic-ham10000");
        SyntheticLesionGenerator.writeDataset(dataset, CASES, 11);

        Map<String, String> config = new LinkedHashMap<>(ShippedModels.workerConfig(models));
        config.put("lesionsim.ingest.import-roots", dataset.getParent().toString());
        config.put("ai.djl.pytorch.num_threads", "1");
        config.put("lesionsim.progression.alphas", "0,2,4,6,8,10");
        List<String> deadLetterTopics = WORKERS.stream().filter(w -> !w.equals(DemoStack.CONSOLE)).map(w -> "dead-letter." + w).toList();
        List<String> topics = new ArrayList<>(List.of("metrics.scored"));
        topics.addAll(deadLetterTopics);

        try (DemoStack stack = DemoStack.start(root, data, config, WORKERS);
             PipelineWatch watch = stack.watch(topics)) {
            ShippedModels.publish(stack, stack.store(), models);
            DemoKeys keys = stack.keys();
            WebDriver browser = chromium();
            try {
                // Logged in before any case exists: the gallery then follows the cases live.
                String console = stack.consoleUrl();
                login(browser, console, keys.operatorKey());
                Object role = waitFor(browser, Duration.ofSeconds(20), b -> js(b, "return document.body.dataset.role"));
                assertThat(role).isEqualTo("operator");
                waitFor(browser, Duration.ofSeconds(20), b -> Boolean.TRUE.equals(js(b, "return window.lesionsim.liveConnected")));
                assertThat(js(browser, "return typeof uPlot")).as("uPlot served from its webjar").isEqualTo("function");

                assertThat(stack.importFolder(dataset, List.of("nv", "mel"))).isEqualTo(CASES);
                List<String> ends = new ArrayList<>(List.of("metrics.scored"));
                ends.addAll(deadLetterTopics);
                watch.awaitAll(CASES, ends, Duration.ofMinutes(15), x -> { });
                assertThat(watch.seen("metrics.scored")).as("every case scored, no dead letter").hasSize(CASES);
                Map<String, Long> scoredAt = new TreeMap<>();
                for (ConsumerRecord<String, String> r : watch.seen("metrics.scored")) {
                    scoredAt.putIfAbsent(EventCodec.fromJson(r.value(), MetricsScored.class).caseId().toString(), r.timestamp());
                }

                // The gallery lists the three, scored, without a reload (live events).
                waitFor(browser, Duration.ofSeconds(60),
                        b -> b.findElements(By.cssSelector(".case-card[data-state='scored']")).size() == CASES);
                List<String> shown = browser.findElements(By.cssSelector(".case-card[data-case-id]")).stream()
                        .map(e -> e.getAttribute("data-case-id")).sorted().toList();
                assertThat(shown).containsExactlyElementsOf(scoredAt.keySet());
                List<Long> latencies = new ArrayList<>();
                for (var e : scoredAt.entrySet()) {
                    Object at = js(browser, "return window.lesionsim.shownScored[arguments[0]] || null", e.getKey());
                    assertThat(at).as("when the dashboard showed " + e.getKey() + " scored").isNotNull();
                    latencies.add(((Number) at).longValue() - e.getValue());
                }
                waitFor(browser, Duration.ofSeconds(30), b -> b.findElements(By.cssSelector(".case-card img.thumb")).size() == CASES);
                screenshot(browser, "1-gallery-live");

                // Load time: navigation start -> gallery rendered with the three cases (the key stays in sessionStorage).
                List<Long> loads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    browser.navigate().refresh();
                    waitFor(browser, Duration.ofSeconds(30), b -> js(b, "return window.lesionsim && window.lesionsim.galleryRenderedAt") != null
                            && b.findElements(By.cssSelector(".case-card[data-case-id]")).size() == CASES);
                    loads.add(Math.round(((Number) js(browser, "return window.lesionsim.galleryRenderedAt")).doubleValue()));
                }
                System.out.println("DASHBOARD-FIGURES load time (navigation start -> gallery rendered, " + CASES
                        + " cases, headless Chromium, warm console) ms: " + loads);
                System.out.println("DASHBOARD-FIGURES metrics.scored (record timestamp) -> dashboard shows the case scored, ms per case: "
                        + latencies + " (median " + latencies.stream().sorted().toList().get(latencies.size() / 2) + ", max "
                        + latencies.stream().mapToLong(Long::longValue).max().orElse(-1) + ")");

                // A case: its images, and the α slider swaps the frame.
                String caseId = scoredAt.keySet().iterator().next();
                click(browser, ".case-card[data-case-id='" + caseId + "']");
                waitFor(browser, Duration.ofSeconds(20), b -> caseId.equals(b.findElement(By.id("case")).getAttribute("data-case-id"))
                        && frames(b) >= 2 && b.findElement(By.id("frame")).getAttribute("src") != null);
                assertThat(browser.findElement(By.id("preprocessed")).getAttribute("src")).isNotBlank();
                assertThat(browser.findElement(By.id("reconstruction")).getAttribute("src")).contains(caseId);
                WebElement frame = browser.findElement(By.id("frame"));
                String before = frame.getAttribute("src");
                String alphaBefore = browser.findElement(By.id("frame-alpha")).getText();
                waitFor(browser, Duration.ofSeconds(20), b -> imageLoaded(b, "frame"));
                screenshot(browser, "2-case-first-frame");
                WebElement slider = browser.findElement(By.id("alpha-slider"));
                slider.sendKeys(Keys.END);
                waitFor(browser, Duration.ofSeconds(10), b -> !before.equals(b.findElement(By.id("frame")).getAttribute("src")));
                assertThat(browser.findElement(By.id("frame-alpha")).getText()).isNotEqualTo(alphaBefore);
                assertThat(browser.findElement(By.id("frame-pmel")).getText()).as("P(mel) of the frame").isNotBlank();
                waitFor(browser, Duration.ofSeconds(20), b -> imageLoaded(b, "frame"));
                screenshot(browser, "3-case-last-frame");

                // A dead letter: a simulation asking for a SeFa direction the generator does not have.
                HttpResponse<String> requested = post(console + "api/simulations", keys.researcherKey(),
                        "{\"caseId\":\"" + caseId + "\",\"direction\":\"sefa:999\",\"alphas\":[0,1,2]}");
                assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
                String simulationId = EventCodec.mapper().readTree(requested.body()).path("simulationId").asText();
                watch.awaitAll(1, List.of("dead-letter.progression"), Duration.ofMinutes(3), x -> { });
                browser.get(console + "#/pipeline");
                WebElement letter = waitFor(browser, Duration.ofSeconds(30), b -> b.findElements(By.cssSelector(".dead-letter[data-id]"))
                        .stream().findFirst().orElse(null));
                String letterId = letter.getAttribute("data-id");
                assertThat(letter.getAttribute("data-worker")).isEqualTo("progression");
                assertThat(letter.getAttribute("data-replayed")).isEqualTo("false");
                waitFor(browser, Duration.ofSeconds(20), b -> b.findElements(By.cssSelector("#workers .worker[data-ready='true']")).size()
                        == WORKERS.size() - 1);
                screenshot(browser, "4-pipeline");
                click(browser, ".dead-letter[data-id='" + letterId + "'] .inspect");
                String original = waitFor(browser, Duration.ofSeconds(10), b -> {
                    WebElement pre = b.findElement(By.cssSelector(".dead-letter[data-id='" + letterId + "'] .original-event"));
                    return pre.isDisplayed() ? pre.getText() : null;
                });
                assertThat(original).as("the inspected original event").contains(simulationId).contains("sefa:999");
                screenshot(browser, "5-dead-letter-inspected");
                click(browser, ".dead-letter[data-id='" + letterId + "'] .replay");
                waitFor(browser, Duration.ofSeconds(20), b -> "true".equals(b.findElement(By.cssSelector(".dead-letter[data-id='"
                        + letterId + "']")).getAttribute("data-replayed")));
                JsonNode replayed = deadLetter(console, keys.operatorKey(), letterId);
                assertThat(replayed.path("replayed").path("topic").asText()).isEqualTo("jobs.simulate");
                assertThat(replayed.path("replayed").path("by").asText()).isEqualTo(DemoKeys.OPERATOR_ID);
                // The replayed request meets the same missing direction: a second dead letter, then the topics are quiet.
                watch.awaitAll(2, List.of("dead-letter.progression"), Duration.ofMinutes(3), x -> { });
                waitFor(browser, Duration.ofSeconds(30), b -> b.findElements(By.cssSelector(".dead-letter[data-id]")).size() == 2);
                screenshot(browser, "6-dead-letter-replayed");

                // An ingest key: its own cases (all three here), no operator or researcher panels.
                click(browser, "#logout");
                login(browser, console, keys.ingestKey());
                waitFor(browser, Duration.ofSeconds(30), b -> b.findElements(By.cssSelector(".case-card[data-case-id]")).size() == CASES);
                assertThat(js(browser, "return document.body.dataset.role")).isEqualTo("ingest");
                assertThat(browser.findElement(By.cssSelector("#nav a[data-panel='pipeline']")).isDisplayed()).isFalse();
                assertThat(browser.findElement(By.cssSelector("#nav a[data-panel='training']")).isDisplayed()).isFalse();
                screenshot(browser, "7-ingest-gallery");

                // A console restart loses nothing: it folds the same view from the topics.
                // Every record folded once, though the console's pattern subscription rebalanced as topics appeared.
                assertThat(topicEvents(get(console + "api/pipeline", keys.operatorKey()))).containsEntry("cases.received", CASES)
                        .containsEntry("metrics.scored", CASES).containsEntry("dead-letter.progression", 2);
                JsonNode casesBefore = get(console + "api/cases?size=500", keys.operatorKey());
                JsonNode lettersBefore = get(console + "api/dead-letters", keys.operatorKey());
                stack.restart(DemoStack.CONSOLE);
                String restarted = stack.consoleUrl();
                JsonNode casesAfter = get(restarted + "api/cases?size=500", keys.operatorKey());
                JsonNode lettersAfter = get(restarted + "api/dead-letters", keys.operatorKey());
                assertThat(casesAfter.path("total").asInt()).isEqualTo(CASES);
                assertThat(caseStates(casesAfter)).isEqualTo(caseStates(casesBefore));
                assertThat(letterStates(lettersAfter)).isEqualTo(letterStates(lettersBefore)).containsKey(letterId);
                assertThat(letterStates(lettersAfter).get(letterId)).endsWith("replayed");
                assertThat(topicEvents(get(restarted + "api/pipeline", keys.operatorKey()))).containsEntry("cases.received", CASES)
                        .containsEntry("metrics.scored", CASES).containsEntry("dead-letter.progression", 2);
                login(browser, restarted, keys.operatorKey());
                waitFor(browser, Duration.ofSeconds(30), b -> b.findElements(By.cssSelector(".case-card[data-state='scored']")).size() == CASES);
                browser.get(restarted + "#/pipeline");
                waitFor(browser, Duration.ofSeconds(30), b -> "true".equals(b.findElement(By.cssSelector(".dead-letter[data-id='"
                        + letterId + "']")).getAttribute("data-replayed")));
                screenshot(browser, "8-after-console-restart");
            } catch (RuntimeException | AssertionError e) {
                screenshot(browser, "failure");
                Files.copy(stack.worker(DemoStack.CONSOLE).log(), screenshots.resolve("console.log"), StandardCopyOption.REPLACE_EXISTING);
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    /** Headless Debian Chromium through Debian's chromedriver: nothing is downloaded (no Selenium Manager), no network but loopback. */
    static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/screenshots/chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-proxy-server");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    private static void login(WebDriver browser, String console, String key) {
        browser.get(console);
        WebElement field = waitFor(browser, Duration.ofSeconds(20), b -> {
            WebElement f = b.findElement(By.id("api-key"));
            return f.isDisplayed() ? f : null;
        });
        field.sendKeys(key);
        browser.findElement(By.id("login")).click();
        waitFor(browser, Duration.ofSeconds(20), b -> b.findElement(By.id("gallery")).isDisplayed());
    }

    /** Clicks what the selector finds, again if a refresh replaced it in between. */
    private static void click(WebDriver browser, String selector) {
        waitFor(browser, Duration.ofSeconds(10), b -> {
            b.findElement(By.cssSelector(selector)).click();
            return true;
        });
    }

    private static int frames(WebDriver b) {
        String n = b.findElement(By.id("alpha-slider")).getAttribute("data-frames");
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static boolean imageLoaded(WebDriver b, String id) {
        return Boolean.TRUE.equals(js(b, "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth > 0", id));
    }

    private static Object js(WebDriver b, String script, Object... args) {
        return ((JavascriptExecutor) b).executeScript(script, args);
    }

    private static <T> T waitFor(WebDriver browser, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(100)).until(b -> {
            try {
                T v = condition.apply(b);
                return v instanceof Boolean bool && !bool ? null : v;
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException notYet) {
                return null;
            }
        });
    }

    private void screenshot(WebDriver browser, String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.out.println("screenshot " + name + " failed: " + e);
        }
    }

    private static Map<String, String> caseStates(JsonNode page) {
        Map<String, String> out = new TreeMap<>();
        page.path("items").forEach(c -> out.put(c.path("caseId").asText(), c.path("state").asText() + "/" + c.path("verdict").asText()
                + "/" + c.path("simulations").asInt()));
        return out;
    }

    private static Map<String, Integer> topicEvents(JsonNode pipeline) {
        Map<String, Integer> out = new TreeMap<>();
        pipeline.path("topics").forEach(t -> out.put(t.path("topic").asText(), t.path("events").asInt()));
        return out;
    }

    private static Map<String, String> letterStates(JsonNode listing) {
        Map<String, String> out = new TreeMap<>();
        listing.path("items").forEach(d -> out.put(d.path("id").asText(), d.path("worker").asText() + "/" + d.path("reasonCode").asText()
                + "/" + (d.path("replayed").isObject() ? "replayed" : "not-replayed")));
        return out;
    }

    private JsonNode deadLetter(String console, String key, String id) throws Exception {
        for (JsonNode d : get(console + "api/dead-letters", key).path("items")) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no dead letter " + id);
    }

    private JsonNode get(String url, String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + url + ": " + r.body()).isEqualTo(200);
        return EventCodec.mapper().readTree(r.body());
    }

    private HttpResponse<String> post(String url, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
