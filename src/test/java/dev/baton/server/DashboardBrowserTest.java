package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's chromium driven by Playwright (which never downloads a
 * browser). Screenshots of the main pages go to target/screenshots/.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final double TIMEOUT = 30_000;

    @TempDir
    static Path home;

    @TempDir
    static Path profile;

    static ServerFixture f;
    static Playwright playwright;
    static BrowserContext browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium; .ci/run does it)");
        f = new ServerFixture(home);
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launchPersistentContext(
                        profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setViewportSize(1440, 900)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync")));
        browser.setDefaultTimeout(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (f != null) f.close();
    }

    @Test
    void aTaskSubmittedFromTheBoardReachesCompletedWithoutAReloadAndShowsItsLog() {
        Page page = browser.newPage();
        page.navigate(f.base() + "/");
        page.evaluate("window.__sameDocument = true");

        page.fill("#text", "echo hello");
        page.selectOption("#agent", "command");
        page.click("#task-form button[type=submit]");
        Locator created = page.locator("#new-task");
        created.waitFor();
        String id = created.textContent().strip();

        Locator card = page.locator(".column[data-column=completed] .card[data-task-id='" + id + "']");
        card.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(page.evaluate("window.__sameDocument === true")).isEqualTo(true);
        assertThat(page.inputValue("#text")).isEmpty();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("board.png"))
                .setFullPage(true));

        card.click();
        page.waitForURL("**/tasks/" + id);
        page.locator("#task-status[data-status=completed]").waitFor();
        page.waitForFunction("() => document.getElementById('log').textContent.includes('hello')");
        assertThat(page.textContent(".routing")).contains("command");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("task.png"))
                .setFullPage(true));
        page.close();
    }

    @Test
    void theTaskPageFollowsARunningTaskLive() {
        String id = f.post(
                        "/api/tasks",
                        "{\"text\": \"for i in 1 2 3 4; do echo line$i; sleep 0.7; done\", \"agent\": \"command\"}")
                .json()
                .get("id")
                .asText();
        Page page = browser.newPage();
        page.navigate(f.base() + "/tasks/" + id);
        page.evaluate("window.__sameDocument = true");
        page.waitForFunction("() => document.getElementById('log').textContent.includes('line4')");
        page.locator("#task-status[data-status=completed]").waitFor();
        assertThat(page.evaluate("window.__sameDocument === true")).isEqualTo(true);
        assertThat(page.textContent("#log")).contains("line1", "line2", "line3", "line4");
        page.close();
    }

    @Test
    void agentsAndMetricsPages() {
        String id = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo for the charts\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(id, "completed");
        Page page = browser.newPage();
        page.navigate(f.base() + "/agents");
        assertThat(page.textContent("tr[data-agent=command]")).contains("command", "available");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("agents.png"))
                .setFullPage(true));

        page.navigate(f.base() + "/charts");
        page.locator("body[data-charts-loaded=true]")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        assertThat(page.locator("canvas").count()).isEqualTo(5);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("metrics.png"))
                .setFullPage(true));
        page.close();
    }

    @Test
    void aDecisionAnsweredInTheInboxLetsItsTaskProceed() {
        Page page = browser.newPage();
        page.navigate(f.base() + "/decisions");
        page.evaluate("window.__sameDocument = true");

        String id = f.send(f.request("/api/tasks")
                        .header("Content-Type", "text/markdown")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "---\nagent: command\nrequires_approval: true\n---\necho approved in the browser\n"))
                        .build())
                .json()
                .get("id")
                .asText();
        Locator card = page.locator("article.decision:has(a[href='/tasks/" + id + "'])");
        card.waitFor(); // arrived live, without a reload
        assertThat(card.textContent()).contains("approve start").contains("asks for approval");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("decisions.png"))
                .setFullPage(true));

        card.locator("button.reject").click();
        page.locator("p.error:has-text('say why')").waitFor();
        assertThat(f.get("/api/tasks/" + id).json().get("status").asText()).isEqualTo("waiting_approval");

        page.locator("article.decision:has(a[href='/tasks/" + id + "']) input[name=why]")
                .fill("fine by me");
        page.locator("article.decision:has(a[href='/tasks/" + id + "']) button.approve")
                .click();
        page.locator("[data-decision-id]:has-text('approved')").first().waitFor();
        assertThat(page.evaluate("window.__sameDocument === true")).isEqualTo(true);

        page.navigate(f.base() + "/tasks/" + id);
        page.locator("#task-status[data-status=completed]").waitFor();
        page.waitForFunction("() => document.getElementById('log').textContent.includes('approved in the browser')");
        page.close();
    }
}
