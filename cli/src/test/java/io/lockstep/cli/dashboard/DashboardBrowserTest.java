package io.lockstep.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.cli.demo.DemoMission;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.Fleet;
import io.lockstep.cli.fleet.FleetSpec;
import io.lockstep.c2.security.Role;
import io.lockstep.cli.fleet.C2Credentials;
import io.lockstep.cli.fleet.LockstepHome;
import io.lockstep.platform.model.HazardModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The commander's workflow in a real browser (headless chromium) against a real C2, real Redis and two real
 * edge nodes: the page loads, nodes appear, an area is drawn on the map and becomes a mission, simulate and
 * approve are pressed (the server's answer is shown; where C2 has those endpoints they must succeed), the
 * mission is dispatched and the nodes move on the map, stop all engages every node's e-stop at once,
 * release (with its confirmation) clears it, and C2 restarting does not duplicate a node on the page.
 * Screenshots of each step land in cli/target/dashboard-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private Path work;
    private Fleet fleet;
    private C2Credentials commander;
    private C2Credentials viewer;
    private HeadlessChromium browser;
    private String missionId;

    @BeforeAll
    void startFleetAndBrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dashboard-");
        fleet = Fleet.start(LockstepHome.detect(), new FleetSpec(work, 2, LockstepHome.detect().demoWorld(), false),
                QUIET);
        commander = fleet.c2().addUser("cora", Role.COMMANDER, "cora-password-1");
        viewer = fleet.c2().addUser("vic", Role.VIEWER, "vic-password-1");
        browser = HeadlessChromium.start(work.resolve("chromium"), SCREENSHOTS);
    }

    @AfterAll
    void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void commanderDrawsDispatchesWatchesStopsAllAndReleases() throws Exception {
        C2Api c2 = fleet.c2().api();
        String survey = c2.uploadModule(ExampleAgents.bytes("survey"));
        String scout = c2.uploadModule(ExampleAgents.bytes("hazard-scout"));
        String model = c2.uploadModel(HazardModel.bytes());
        Map<String, Object> template = DemoMission.json(DemoMission.WIDTH_M, DemoMission.HEIGHT_M, survey, scout, model);

        logInThroughTheForm(commander);
        await("the stream opens", () -> "open".equals(text("#stream-status").replace("stream: ", "")));
        await("both nodes are listed", () -> rows() == 2);
        browser.screenshot("fleet");

        // Draw the demo field (0..120 m east, 0..60 m north of the frame origin) on the map.
        click("#draw-button");
        for (double[] corner : new double[][] {{0, 0}, {120, 0}, {120, 60}, {0, 60}}) {
            clickMap(corner[0], corner[1]);
        }
        browser.screenshot("area-drawn");
        click("#draw-finish");
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String key : List.of("models", "limits", "linkLossPolicy", "linkLossTimeoutMs")) {
            extra.put(key, template.get(key));
        }
        js().executeScript("document.getElementById('mf-name').value = 'browser survey';"
                + "document.getElementById('mf-agents').value = arguments[0];"
                + "document.getElementById('mf-extra').value = arguments[1];",
                JSON.writeValueAsString(template.get("agents")), JSON.writeValueAsString(extra));
        click("#mf-create");
        await("the mission is created and shown", () -> text("#mission-title").startsWith("browser survey"));
        missionId = (String) js().executeScript("return window.lockstepDashboard.model.selectedMission;");
        JsonNode created = c2.mission(missionId);
        assertEquals(4, created.path("spec").path("area").size(), created.toPrettyString());
        // Within a few pixels of where the corner was drawn (about 0.5 m a pixel here).
        assertEquals(DemoMission.FRAME.originLat(), created.path("spec").path("area").get(0).path("lat").asDouble(), 3e-4);
        browser.screenshot("mission-created");

        // Simulate and approve: shown as the server answers. Where C2 has them, they must succeed.
        for (String step : List.of("simulate", "approve")) {
            js().executeScript("const n = document.getElementById('notice'); n.textContent = ''; n.hidden = true;");
            click("#mission-" + step);
            await(step + " answered", () -> !text("#notice").isBlank());
            String notice = text("#notice");
            if (!notice.contains("(404 ")) {
                assertTrue(driver().findElement(By.id("notice")).getAttribute("class").contains("ok"), step + ": " + notice);
            }
            browser.screenshot(step);
            if (step.equals("simulate") && !notice.contains("(404 ")) {
                // plan against reality: the simulation's predicted paths and cell timing are drawn on the map
                await("the predicted paths are drawn", () -> planDrawn("planPaths") >= 1 && planDrawn("planPoints") > 10);
                assertEquals(missionId, js().executeScript("return document.getElementById('map').dataset.planMission;"));
                await("the predicted cell timing is drawn", () -> planDrawn("planCells") >= 1);
                browser.screenshot("plan-overlay");
            }
        }

        click("#mission-dispatch");
        await("the mission is dispatched", () -> !c2.mission(missionId).path("nodes").isEmpty());
        await("both nodes fly", () -> nodesOnMap().size() == 2);
        JsonNode before = nodesOnMap();
        await("the nodes move on the map", () -> moved(before, nodesOnMap()));
        browser.screenshot("flying");

        click("#stop-all");
        await("every node's e-stop is engaged", () -> allRequested(c2, true));
        await("the fleet list shows the stops", () -> driver().findElements(By.cssSelector("#fleet-table .node-release")).size() == 2);
        browser.screenshot("stopped-all");

        click("#release-all");
        assertTrue(text("#release-all").startsWith("confirm release"), "release asks for a confirmation first");
        assertTrue(allRequested(c2, true), "the first click releases nothing");
        click("#release-all");
        await("every node's e-stop is released", () -> allRequested(c2, false));
        browser.screenshot("released");
    }

    @Test
    @Order(2)
    void thePageReconnectsAfterC2RestartsWithoutDuplicatingNodes() throws Exception {
        open(token(commander));
        await("both nodes are listed", () -> rows() == 2);
        int opensBefore = opens();
        fleet.c2().restart(false, Duration.ofSeconds(120));
        await("the stream reconnects", () -> opens() > opensBefore && text("#stream-status").endsWith("open"));
        fleet.awaitNodesConnected(WAIT);
        await("the nodes are back, once each", () -> rows() == 2
                && ((Number) js().executeScript("return window.lockstepDashboard.model.nodes.size;")).intValue() == 2
                && driver().findElements(By.cssSelector("#fleet-table td.link")).stream()
                        .allMatch(td -> td.getText().equals("CONNECTED")));
        browser.screenshot("after-c2-restart");
    }

    @Test
    @Order(3)
    void aViewerCannotDispatchOrReleaseEvenFromATamperedPage() throws Exception {
        assertTrue(c2EnforcesRoles(), "C2 refuses a request without a token");
        C2Api c2 = fleet.c2().api();
        String viewer = token(this.viewer);
        String commander = token(this.commander);
        open(viewer);
        await("the stream opens for a viewer", () -> text("#stream-status").endsWith("open"));
        int engage = fetchStatus("POST", "/api/v1/nodes/node-1/estop", commander);
        assertEquals(200, engage);
        // Tampering: whatever the page shows, the viewer's token is what the server checks.
        js().executeScript("document.querySelectorAll('button').forEach(b => { b.disabled = false; b.hidden = false; });");
        js().executeScript("const n = document.getElementById('notice'); n.textContent = ''; n.hidden = true;");
        click("#release-all");
        click("#release-all");
        await("the server refusal is shown", () -> text("#notice").contains("403") || text("#notice").contains("401"));
        assertTrue(allRequested(c2, true, "node-1"), "a viewer released nothing");
        assertEquals(403, fetchStatus("POST", "/api/v1/missions/" + missionId + "/dispatch", viewer));
        assertEquals(403, fetchStatus("DELETE", "/api/v1/nodes/node-1/estop", viewer));
        browser.screenshot("viewer-refused");
        assertEquals(200, fetchStatus("DELETE", "/api/v1/nodes/node-1/estop", commander));
    }

    @Test
    @Order(4)
    void anUploadedJournalIsPickedAndScrubbedInTheBrowserAndMatchesTheJournal() throws Exception {
        C2Api c2 = fleet.c2().api();
        String commander = token(this.commander);
        open(commander);
        await("the stream opens", () -> text("#stream-status").endsWith("open"));
        int aborted = fetchStatus("POST", "/api/v1/missions/" + missionId + "/abort", commander);
        assertTrue(aborted / 100 == 2 || aborted == 409, "abort answered " + aborted);
        await("node-1's journal came home to C2", () -> journalComplete(c2, "node-1"));
        JsonNode verdict = c2.replayJournal(missionId, "node-1");
        assertTrue(verdict.path("fingerprintsMatch").asBoolean(), "C2 replays the journal: " + verdict);

        // What the journal itself says, decoded here from the bytes C2 serves (independently of the page).
        Path file = work.resolve("node-1.journal");
        Files.write(file, download("/api/v1/missions/" + missionId + "/nodes/node-1/journal", commander));
        Map<Long, JournalTick> journal = JournalTick.read(file);
        long chosen = journal.values().stream().filter(t -> !t.interventions().isEmpty()).mapToLong(JournalTick::tick)
                .findFirst().orElse(journal.keySet().stream().mapToLong(Long::longValue).sorted()
                        .skip(journal.size() / 2).findFirst().orElseThrow());
        JournalTick expected = journal.get(chosen);

        // Pick the mission and the node's uploaded journal in the page.
        js().executeScript("document.querySelector('li[data-mission=\"' + arguments[0] + '\"]').click();", missionId);
        await("the mission is selected", () -> missionId.equals(
                js().executeScript("return window.lockstepDashboard.model.selectedMission;")));
        click("#tabs button[data-tab='replay']");
        await("node-1 can be picked", () -> !driver().findElements(By.cssSelector("#replay-node option[value='node-1']"))
                .isEmpty());
        js().executeScript("const s = document.getElementById('replay-node'); s.value = 'node-1';"
                + "s.dispatchEvent(new Event('change'));");
        click("#replay-journal");
        await("the journal is loaded", () -> "journal".equals(info("source")) && info("tick") != null);
        long last = journal.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(text("#replay-info").contains(".." + last + ")"), "the page names the journal's last tick " + last
                + ": " + text("#replay-info"));

        // Scrub: the range input goes to the chosen tick (every tick is shown when the journal is short;
        // otherwise the page's "show tick" fetches exactly that one).
        long first = journal.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        js().executeScript("const r = document.getElementById('replay-scrub'); r.value = String(arguments[0]);"
                + "r.dispatchEvent(new Event('input'));", chosen - first);
        if (!String.valueOf(chosen).equals(info("tick"))) {
            js().executeScript("document.getElementById('replay-tick').value = String(arguments[0]);", chosen);
            click("#replay-go");
        }
        await("the page shows tick " + chosen, () -> String.valueOf(chosen).equals(info("tick")));
        JsonNode position = JSON.readTree(info("position"));
        assertEquals(expected.xM(), position.path("xM").asDouble(), 1e-9, "x at tick " + chosen);
        assertEquals(expected.yM(), position.path("yM").asDouble(), 1e-9, "y at tick " + chosen);
        List<String> states = new java.util.ArrayList<>();
        JSON.readTree(info("agents")).forEach(a -> states.add(a.path("name").asText() + "=" + a.path("state").asText()));
        assertEquals(expected.agentStates(), states, "agent states after tick " + chosen);
        List<String> interventions = new java.util.ArrayList<>();
        JSON.readTree(info("interventions")).forEach(i -> interventions.add(i.path("kind").asText()));
        assertEquals(expected.interventions(), interventions, "interventions at tick " + chosen);
        assertTrue(text("#replay-info").contains("tick " + chosen), text("#replay-info"));
        browser.screenshot("replay-journal");

        // Alerts are acknowledged on C2 for everyone: the e-stop engaged earlier is in the queue; ack it here.
        click("#tabs button[data-tab='alerts']");
        await("an alert waits in the queue", () -> !driver().findElements(By.cssSelector("#alert-list li button")).isEmpty());
        // The list is rebuilt as events arrive, so its items are read and clicked in the page, not held.
        String alertId = (String) js().executeScript("const li = document.querySelector('#alert-list li:has(button)');"
                + "li.querySelector('button').click(); return li.dataset.alertId;");
        await("the acknowledgement is shown with who made it", () -> Boolean.TRUE.equals(js().executeScript(
                "return [...document.querySelectorAll('#alert-list li.acked')].some(li => li.dataset.alertId === arguments[0]"
                        + " && li.textContent.includes('acknowledged by cora'));", alertId)));
        JsonNode acks = JSON.readTree(new String(download("/api/v1/alerts", commander), java.nio.charset.StandardCharsets.UTF_8));
        boolean stored = false;
        for (JsonNode ack : acks.path("acks")) {
            stored |= alertId.equals(ack.path("alertId").asText()) && "cora".equals(ack.path("by").asText());
        }
        assertTrue(stored, "C2 holds the acknowledgement of " + alertId + ": " + acks);
        browser.screenshot("alert-acknowledged");
    }

    // ---- page helpers ----

    private String info(String field) {
        return driver().findElement(By.id("replay-info")).getAttribute("data-" + field);
    }

    private boolean journalComplete(C2Api c2, String nodeId) {
        try {
            return "COMPLETE".equals(c2.journalMetadata(missionId, nodeId).path("state").asText());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private byte[] download(String path, String token) throws Exception {
        java.net.http.HttpResponse<byte[]> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + fleet.c2().httpPort()
                        + path)).header("Authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return answer.body();
    }

    private String token(C2Credentials user) {
        return new C2Api(fleet.c2().httpPort(), user).token();
    }

    /** Logs in as a person would: name and password in the page's form. */
    private void logInThroughTheForm(C2Credentials user) {
        driver().get("http://127.0.0.1:" + fleet.c2().httpPort() + "/");
        await("the login form is shown", () -> driver().findElement(By.id("login-user")).isDisplayed());
        driver().findElement(By.id("login-user")).sendKeys(user.user());
        driver().findElement(By.id("login-password")).sendKeys(user.password());
        browser.screenshot("login");
        click("#login-button");
    }

    private void open(String token) {
        // Away first: a URL that differs only in its fragment would not reload the page (and its token).
        driver().get("about:blank");
        driver().get("http://127.0.0.1:" + fleet.c2().httpPort() + "/#token=" + token);
    }

    private org.openqa.selenium.chrome.ChromeDriver driver() {
        return browser.driver;
    }

    private JavascriptExecutor js() {
        return browser.driver;
    }

    private String text(String css) {
        List<WebElement> found = driver().findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Clicks an element; the page re-renders lists while it runs, so a stale element is looked up again. */
    private void click(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                driver().findElement(By.cssSelector(css)).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private int rows() {
        return driver().findElements(By.cssSelector("#fleet-table tbody tr")).size();
    }

    private int opens() {
        String opens = driver().findElement(By.id("stream-status")).getAttribute("data-opens");
        return opens == null ? 0 : Integer.parseInt(opens);
    }

    /** Clicks the map where the frame's point ({@code eastM}, {@code northM}) is drawn right now. */
    private void clickMap(double eastM, double northM) {
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) js().executeScript(
                "const m = window.lockstepDashboard.map; m.render();"
                        + "const s = m.toScreen({x: arguments[0], y: arguments[1]});"
                        + "const r = m.canvas.getBoundingClientRect();"
                        + "return {x: s.x * r.width / m.canvas.width - r.width / 2,"
                        + "        y: s.y * r.height / m.canvas.height - r.height / 2};", eastM, northM);
        WebElement canvas = driver().findElement(By.id("map"));
        new Actions(driver()).moveToElement(canvas, (int) Math.round(((Number) offset.get("x")).doubleValue()),
                (int) Math.round(((Number) offset.get("y")).doubleValue())).click().perform();
    }

    private JsonNode nodesOnMap() {
        try {
            String data = driver().findElement(By.id("map")).getAttribute("data-nodes");
            return JSON.readTree(data == null ? "{}" : data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether any node moved in the local frame (pixels can stay put while the view re-fits). */
    private boolean moved(JsonNode before, JsonNode now) {
        Object moved = js().executeScript("const d = window.lockstepDashboard.model;"
                + "return [...d.trails.values()].some(t => t.length > 1"
                + "  && Math.hypot(t[t.length-1].xM - t[0].xM, t[t.length-1].yM - t[0].yM) > 2);");
        return Boolean.TRUE.equals(moved) && now.size() == before.size();
    }

    private int fetchStatus(String method, String path, String token) {
        String body = !method.equals("POST") ? null
                : path.endsWith("/estop") || path.endsWith("/abort") ? "{\"reason\":\"browser test\"}"
                : "{\"nodes\":[\"node-1\"]}";
        Object status = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[1], {method: arguments[0], headers: {Authorization: 'Bearer ' + arguments[2],"
                + "  'Content-Type': 'application/json'}, body: arguments[3] === null ? undefined : arguments[3]})"
                + ".then(r => done(r.status), e => done(-1));", method, path, token, body);
        return ((Number) status).intValue();
    }

    private boolean c2EnforcesRoles() {
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + fleet.c2().httpPort()
                            + "/api/v1/nodes")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 401;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean allRequested(C2Api c2, boolean engaged, String... only) {
        List<String> wanted = List.of(only);
        for (JsonNode node : c2.nodes()) {
            if (!wanted.isEmpty() && !wanted.contains(node.path("nodeId").asText())) {
                continue;
            }
            if (node.path("emergencyStop").path("requested").path("engaged").asBoolean() != engaged) {
                return false;
            }
        }
        return true;
    }

    /** What the map's plan layer drew, from the canvas's data attributes (0 when none). */
    private long planDrawn(String attribute) {
        Object value = js().executeScript("return document.getElementById('map').dataset[arguments[0]] || '0';", attribute);
        return Long.parseLong(String.valueOf(value));
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                browser.screenshot("failed-" + what.replaceAll("[^a-z0-9]+", "-"));
                throw new AssertionError("timed out waiting until " + what + "; page says: stream '"
                        + text("#stream-status") + "', notice '" + text("#notice") + "'");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
