// Signs in to the RiskFlags page, filters the flagged cohort, reads the capacity chart's figures,
// and saves a screenshot of each view. Prints one JSON object.
// Usage: node ui.mjs URL API_KEY SCREENSHOT_DIR [WAITING_LIST_PROGRAMME] [DATA_SCIENTIST_KEY]
// With a data scientist's key it then signs in again as them and reads the model's drift check.
import { chromium } from "playwright-core";

const [url, key, shots, waitingProgramme, scientistKey] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(url);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#cohort-table tbody tr").first().waitFor();
  result.signedIn = await page.locator("#who").textContent();
  result.demoBanner = await page.locator("#demo-banner").isVisible() ? await page.locator("#demo-banner").textContent() : "";
  result.cohortRows = await page.locator("#cohort-table tbody tr").count();
  await page.screenshot({ path: `${shots}/cohort.png`, fullPage: false });

  await page.getByLabel("Programme").first().selectOption("pause");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("flagged families"));
  result.pauseRows = await page.locator("#cohort-table tbody tr").count();
  result.pauseRowsAllSuggestPause = await page.locator("#cohort-table tbody tr").evaluateAll(
    (rows) => rows.every((row) => row.querySelector('li[data-programme="pause"]') !== null));
  result.pageText = await page.locator("#cohort-page").textContent();

  await page.getByRole("button", { name: "Waiting lists" }).click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("waiting for"));
  if (waitingProgramme) {
    const before = await page.locator("#waiting-summary").textContent();
    await page.locator("#w-programme").selectOption(waitingProgramme);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForFunction((previous) => document.querySelector("#waiting-summary").textContent !== previous, before);
  }
  result.waitingSummary = await page.locator("#waiting-summary").textContent();
  await page.screenshot({ path: `${shots}/waiting.png` });

  await page.getByRole("button", { name: "Capacity and cost" }).click();
  await page.locator("#capacity-chart g[data-programme]").first().waitFor();
  result.chart = await page.locator("#capacity-chart g[data-programme]").evaluateAll((groups) => groups.map((g) => ({
    programme: g.dataset.programme, places: Number(g.dataset.places), demand: Number(g.dataset.demand), gapDrawn: g.querySelectorAll("rect").length === 3,
  })));
  result.gapCells = Object.fromEntries(await page.locator("#capacity-table tbody tr").evaluateAll(
    (rows) => rows.map((row) => [row.dataset.programme, row.querySelector("td:nth-child(7)").textContent])));
  result.edgeOfCareCost = await page.locator('#capacity-table tr[data-programme="edge_of_care"] td:nth-child(9)').textContent();
  await page.locator("#marginal-chart[data-programme]").waitFor();
  await page.locator("#demand-table tbody tr").first().waitFor();
  result.demand = await page.locator("#demand-table tbody tr").evaluateAll((rows) => rows.map((r) => ({ programme: r.dataset.programme, nextYear: Number(r.dataset.nextYear), cells: r.querySelectorAll("td").length })));
  await page.locator("#o-programme").selectOption("steps");
  await page.waitForFunction(() => document.querySelector("#marginal-chart").dataset.programme === "steps");
  result.offers = await page.locator("#offers-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.family));
  result.offerReasons = await page.locator("#offers-table tbody tr td:nth-child(5)").allTextContents();
  result.marginal = await page.locator("#marginal-chart").evaluate((svg) => ({
    programme: svg.dataset.programme, points: Number(svg.dataset.points), optimal: svg.dataset.optimal,
    series: [...svg.querySelectorAll("[data-series]")].map((e) => e.dataset.series),
  }));
  result.offersSummary = await page.locator("#offers-summary").textContent();
  await page.screenshot({ path: `${shots}/capacity.png`, fullPage: true });

  await page.getByRole("button", { name: "Forecast" }).click();
  await page.locator("#forecast-children polyline").first().waitFor();
  result.forecastLines = await page.locator("#forecast-children polyline").evaluateAll((lines) => lines.map((l) => ({ scenario: l.dataset.scenario, values: l.dataset.values.split(" ").map(Number) })));
  result.forecastCostLines = await page.locator("#forecast-cost polyline").count();
  result.forecastInputs = await page.locator("#forecast-inputs tbody tr").evaluateAll((rows) => rows.map((r) => ({ scenario: r.dataset.scenario, rate: r.querySelector("td:nth-child(3)").textContent })));
  await page.screenshot({ path: `${shots}/forecast.png`, fullPage: true });

  await page.getByRole("button", { name: "Care entrants" }).click();
  await page.locator("#footprint-table tbody tr[data-name]").first().waitFor();
  result.footprint = await page.locator("#footprint-table tbody tr[data-name]").evaluateAll((rows) => rows.map((r) => ({ name: r.dataset.name, children: Number(r.dataset.children) })));
  result.footprintSummary = await page.locator("#footprint-summary").textContent();

  // Keyboard: the views are reachable by Tab and Enter.
  await page.getByRole("button", { name: "Flagged cohort" }).focus();
  await page.keyboard.press("Enter");
  await page.locator("#cohort-table tbody tr").first().waitFor();
  result.keyboardReturnedToCohort = !(await page.locator("#cohort").isHidden());

  if (scientistKey) {
    const scientist = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await scientist.goto(url);
    await scientist.getByLabel("API key").fill(scientistKey);
    await scientist.getByRole("button", { name: "Sign in" }).click();
    await scientist.locator("#drift-table tbody tr").first().waitFor();
    result.drift = await scientist.locator("#drift-table tbody tr").evaluateAll((rows) => rows.map((r) => ({ name: r.dataset.name, psi: Number(r.dataset.psi), band: r.dataset.band })));
    result.driftSummary = await scientist.locator("#drift-summary").textContent();
    await scientist.locator("#registry-table tbody tr").first().waitFor();
    result.registry = await scientist.locator("#registry-table tbody tr").evaluateAll((rows) => rows.map((r) => ({ version: r.dataset.version, live: r.dataset.live === "true", by: r.dataset.by })));
    result.scientistViews = await scientist.locator("nav [data-view]:not([hidden])").evaluateAll((buttons) => buttons.map((b) => b.dataset.view));
    await scientist.screenshot({ path: `${shots}/model.png`, fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
