// The RiskFlags page: signs in with an API key and reads the JSON API; it holds no data of its own.
const state = { key: sessionStorage.getItem("riskflags-key") || "", role: "", cohortToken: "", cohortHistory: [], programmes: [] };
const $ = (selector) => document.querySelector(selector);
const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });

async function api(path) {
  const response = await fetch(path, { headers: { "x-api-key": state.key } });
  if (response.status === 401) { throw new Error("The API key was not accepted."); }
  if (response.status === 403) { throw new Error("Your role may not see this."); }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { throw new Error(body.message || `The service answered ${response.status}.`); }
  return body;
}

function say(message) { $("#status").textContent = message; }
function cell(text, className) { const td = document.createElement("td"); td.textContent = text; if (className) td.className = className; return td; }
function programmeName(id) { return state.programmes.find((p) => p.id === id)?.name || id; }

async function signIn(key) {
  state.key = key;
  const status = await api("/v1/status");
  sessionStorage.setItem("riskflags-key", key);
  state.role = status.role;
  $("#who").textContent = `Signed in as ${status.caller} (${status.role.replaceAll("_", " ")}); data to ${status.dataRunsTo}; model ${status.modelVersion}, rules ${status.rulesVersion}.`;
  $("#who").hidden = false;
  if (status.demo) {
    $("#demo-banner").textContent = `Demo data: these families are synthetic (${status.demoDetail}), not real people.`;
    $("#demo-banner").hidden = false;
  }
  if (status.role !== "data_scientist") {
    const catalogue = await api("/v1/programmes");
    state.programmes = catalogue.programmes;
    for (const select of [$("#f-programme"), $("#w-programme")]) {
      for (const p of state.programmes) { select.add(new Option(p.name, p.id)); }
    }
  }
  $("#signin").hidden = true;
  $("#app").hidden = false;
  // Data scientists see the model, not families; admins see both.
  const modelRole = ["data_scientist", "admin"].includes(status.role);
  document.querySelector('nav [data-view="model"]').hidden = !modelRole;
  if (status.role === "data_scientist") {
    for (const button of document.querySelectorAll("nav [data-view]")) { button.hidden = button.dataset.view !== "model"; }
    await showView("model");
    return;
  }
  await showView("cohort");
}

async function showView(name) {
  for (const view of document.querySelectorAll(".view")) { view.hidden = view.id !== name; }
  for (const button of document.querySelectorAll("nav [data-view]")) {
    if (button.dataset.view === name) { button.setAttribute("aria-current", "page"); } else { button.removeAttribute("aria-current"); }
  }
  if (name === "cohort") { state.cohortToken = ""; state.cohortHistory = []; await loadCohort(); }
  if (name === "waiting") { await loadWaiting(); }
  if (name === "capacity") { await loadCapacity(); }
  if (name === "forecast") { await loadForecast(); }
  if (name === "footprint") { await loadFootprint(); }
  if (name === "model") { await loadModel(); }
  $(`#${name} h2`).focus?.();
}

async function loadCohort() {
  say("Loading the flagged cohort...");
  const query = new URLSearchParams(new FormData($("#cohort-filters")));
  for (const [k, v] of [...query]) { if (!v) query.delete(k); }
  query.set("page_size", "25");
  if (state.cohortToken) query.set("page_token", state.cohortToken);
  const page = await api(`/v1/cohort/flagged?${query}`);
  const body = $("#cohort-table tbody");
  body.replaceChildren();
  for (const family of page.families) {
    const row = document.createElement("tr");
    row.dataset.family = family.familyId;
    row.append(cell(family.familyId));
    const risk = cell("", "num");
    const band = document.createElement("span");
    band.className = `band band-${family.riskBand}`;
    band.textContent = family.riskBand;
    risk.append(`${percent.format(family.riskScore)} `, band);
    row.append(risk, cell(family.localArea));
    const programmes = document.createElement("td");
    const list = document.createElement("ul");
    list.className = "plain";
    for (const s of family.suggestions) {
      const item = document.createElement("li");
      item.dataset.programme = s.programme;
      item.textContent = `${programmeName(s.programme)}: ${s.status.replace("_", " ")}`;
      list.append(item);
    }
    programmes.append(list);
    const reasons = document.createElement("td");
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `${family.flags.length} reasons`;
    const flags = document.createElement("ul");
    for (const f of family.flags) {
      const item = document.createElement("li");
      item.textContent = `${f.reason} (${f.severity}; ${f.evidence})`;
      flags.append(item);
    }
    details.append(summary, flags);
    reasons.append(details);
    row.append(programmes, reasons);
    body.append(row);
  }
  const start = state.cohortHistory.length * 25;
  $("#cohort-page").textContent = page.total ? `Families ${start + 1}-${start + page.families.length} of ${page.total}` : "No families match.";
  $("#cohort-caption").textContent = `Families for whom a rule suggests a programme as of ${page.asOf}, riskiest first`;
  $("#cohort-prev").disabled = state.cohortHistory.length === 0;
  $("#cohort-next").disabled = !page.nextPageToken;
  $("#cohort-next").dataset.token = page.nextPageToken || "";
  say(`${page.total} flagged families.`);
}

async function loadWaiting() {
  const id = $("#w-programme").value || state.programmes[0]?.id;
  say("Loading the waiting list...");
  const list = await api(`/v1/programmes/${encodeURIComponent(id)}/waiting-list`);
  const wait = list.expectedWaitWeeks == null ? "no places are commissioned" : `a family joining now would wait about ${number.format(list.expectedWaitWeeks)} weeks`;
  $("#waiting-summary").textContent = `${programmeName(id)}: ${number.format(list.placesPerYear)} places a year, ${list.enrolled} enrolled, ${list.waiting.length} waiting; ${wait}.`;
  const body = $("#waiting-table tbody");
  body.replaceChildren();
  for (const w of list.waiting) {
    const row = document.createElement("tr");
    row.append(cell(String(w.position), "num"), cell(w.familyId), cell(new Date(w.queuedAt).toLocaleString("en-GB")), cell(w.suggestionId));
    body.append(row);
  }
  say(`${list.waiting.length} families waiting for ${programmeName(id)}.`);
}

async function loadCapacity() {
  say("Loading capacity...");
  const report = await api("/v1/capacity");
  $("#capacity-summary").textContent = `As of ${report.asOf}, programme year ${report.programmeYear}-${String(report.programmeYear + 1).slice(2)}. A looked-after child costs ${money.format(report.costModel.lookedAfterChildYearCost)} a year; ${percent.format(report.costModel.cashableShareOfNet)} of net savings are directly cashable.`;
  drawChart(report.gaps);
  state.gaps = report.gaps;
  const select = $("#o-programme");
  if (select.options.length === 0) {
    for (const g of report.gaps) { const option = document.createElement("option"); option.value = g.programme.id; option.textContent = g.programme.name; select.append(option); }
    select.value = (report.gaps.find((g) => (g.offers || []).length > 0) || report.gaps[0]).programme.id;
  }
  showOffers(select.value);
  const body = $("#capacity-table tbody");
  body.replaceChildren();
  for (const g of report.gaps) {
    const close = g.closingTheGap;
    const row = document.createElement("tr");
    row.dataset.programme = g.programme.id;
    row.append(
      cell(g.programme.name), cell(number.format(g.places), "num"), cell(String(g.enrolled), "num"), cell(String(g.waiting), "num"),
      cell(String(g.flaggedNotReferred), "num"), cell(String(g.demand), "num"), cell(g.gap < 0 ? `${number.format(-g.gap)} spare` : number.format(g.gap), "num"),
      cell(g.expectedWaitWeeks == null ? "no places" : number.format(g.expectedWaitWeeks), "num"),
      cell(close ? money.format(close.cost) : g.gap > 0 ? "not costed" : "no gap", "num"),
      cell(close?.careEntriesPrevented == null ? "-" : number.format(close.careEntriesPrevented), "num"),
      cell(close?.incidentsAverted == null ? "-" : number.format(close.incidentsAverted), "num"),
      cell(close && (close.careEntriesPrevented != null || close.incidentsAverted != null) ? money.format(close.netSavings) : "-", "num"),
      cell(close && (close.careEntriesPrevented != null || close.incidentsAverted != null) ? money.format(close.cashableSavings) : "-", "num"),
      cell(close ? `${number.format(close.costNeutralCareEntries)} care entries (${percent.format(close.costNeutralShare)})` : "-", "num"));
    body.append(row);
  }
  await loadDemand(report.gaps);
  say("Capacity loaded.");
}

function drawChart(gaps) {
  const svg = $("#capacity-chart");
  svg.replaceChildren();
  const ns = "http://www.w3.org/2000/svg";
  const width = svg.clientWidth || 900, height = 360, left = 260, right = 190, top = 10, rowHeight = (height - top - 20) / gaps.length;
  const max = Math.max(1, ...gaps.map((g) => Math.max(g.places, g.demand)));
  const scale = (v) => (v / max) * (width - left - right);
  const add = (name, attributes, text) => { const el = document.createElementNS(ns, name); for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v); if (text) el.textContent = text; svg.append(el); return el; };
  gaps.forEach((g, i) => {
    const y = top + i * rowHeight;
    const group = add("g", { "data-programme": g.programme.id, "data-places": g.places, "data-demand": g.demand, "data-gap": g.gap });
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", left - 8); label.setAttribute("y", y + rowHeight / 2 + 4); label.setAttribute("text-anchor", "end"); label.textContent = g.programme.name.length > 38 ? `${g.programme.name.slice(0, 36)}...` : g.programme.name;
    group.append(label);
    const bar = (x, w, h, dy, fill, title) => { const r = document.createElementNS(ns, "rect"); r.setAttribute("x", x); r.setAttribute("y", y + dy); r.setAttribute("width", Math.max(0, w)); r.setAttribute("height", h); r.setAttribute("fill", fill); const t = document.createElementNS(ns, "title"); t.textContent = title; r.append(t); group.append(r); };
    const h = rowHeight * 0.35;
    bar(left, scale(g.places), h, rowHeight * 0.1, "var(--places)", `${g.programme.name}: ${g.places} places`);
    bar(left, scale(Math.min(g.demand, g.places)), h, rowHeight * 0.5, "var(--demand)", `${g.programme.name}: demand ${g.demand}`);
    if (g.demand > g.places) { bar(left + scale(g.places), scale(g.demand - g.places), h, rowHeight * 0.5, "var(--gap)", `${g.programme.name}: gap ${g.gap}`); }
    const value = document.createElementNS(ns, "text");
    value.setAttribute("x", left + scale(Math.max(g.places, g.demand)) + 4); value.setAttribute("y", y + rowHeight / 2 + 4);
    value.textContent = `${number.format(g.places)} places, demand ${g.demand}`;
    group.append(value);
    svg.append(group);
  });
}

async function loadDemand(gaps) {
  const forecast = await api("/v1/demand-forecast");
  const points = forecast.programmes[0]?.points || [];
  const head = $("#demand-table thead tr");
  head.replaceChildren();
  for (const text of ["Programme", "Places", ...points.map((p) => `${p.asOf.slice(0, 4)}${p.projected ? " (projected)" : ""}`)]) {
    const th = document.createElement("th"); th.scope = "col"; th.textContent = text; head.append(th);
  }
  const body = $("#demand-table tbody");
  body.replaceChildren();
  for (const d of forecast.programmes) {
    const gap = gaps.find((g) => g.programme.id === d.programmeId);
    const row = document.createElement("tr");
    row.dataset.programme = d.programmeId;
    row.dataset.nextYear = d.nextYear;
    row.append(cell(gap ? gap.programme.name : d.programmeId), cell(gap ? number.format(gap.places) : "-", "num"),
      ...d.points.map((p) => cell(p.projected && p.low != null ? `${Math.round(p.demand)} (${Math.round(p.low)}-${Math.round(p.high)})` : String(Math.round(p.demand)), "num")));
    body.append(row);
  }
}

// Why a family is where it is in a programme's order, in the terms allocation ranks by.
function whyRanked(g, place) {
  if (place.expectedBenefit == null) { return "no effect stated for this programme: ordered by risk, then longest wait"; }
  return g.programme.incidentsAvertedPerPlace != null
    ? `${number.format(place.expectedBenefit)} incidents averted: ${number.format(g.programme.incidentsAvertedPerPlace)} a place, scaled by the family's incidents in the last 12 months`
    : `${number.format(place.expectedBenefit)} care entries prevented: calibrated risk x ${number.format(g.programme.relativeRiskReduction)} relative risk reduction`;
}

function showOffers(id) {
  const g = state.gaps.find((x) => x.programme.id === id);
  const marginal = g.marginal || [], offers = new Set(g.offers || []);
  const free = Math.max(0, Math.floor(g.places) - g.enrolled);
  $("#offers-summary").textContent = `${g.programme.name}: ${offers.size} of ${free} free places to offer; ${Math.max(0, marginal.filter((m) => !m.enrolled).length - offers.size)} families beyond them are unmet need, in order. ` +
    (g.optimalPlaces == null ? "No optimum: the programme states no effect or no unit cost." :
      `The optimum is ${g.optimalPlaces} places (today ${number.format(g.places)}): getting there costs ${money.format(g.costToOptimum)} and saves ${money.format(g.savingToOptimum)}.`);
  const body = $("#offers-table tbody");
  body.replaceChildren();
  let rank = 0;
  for (const m of marginal.filter((x) => offers.has(x.familyId))) {
    const row = document.createElement("tr");
    row.dataset.family = m.familyId;
    row.append(cell(String(++rank), "num"), cell(m.familyId), cell(m.expectedBenefit == null ? "-" : number.format(m.expectedBenefit), "num"),
      cell(m.expectedSaving == null ? "-" : money.format(m.expectedSaving), "num"), cell(whyRanked(g, m)));
    body.append(row);
  }
  drawMarginal(g);
}

function drawMarginal(g) {
  const svg = $("#marginal-chart");
  svg.replaceChildren();
  const ns = "http://www.w3.org/2000/svg", points = (g.marginal || []).filter((m) => m.expectedSaving != null);
  svg.dataset.programme = g.programme.id; svg.dataset.places = g.places; svg.dataset.optimal = g.optimalPlaces ?? ""; svg.dataset.points = points.length;
  const add = (name, attributes, text) => { const el = document.createElementNS(ns, name); for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v); if (text) el.textContent = text; svg.append(el); return el; };
  if (points.length === 0) { add("text", { x: 20, y: 40 }, "No curve: the programme states no effect to value a place by."); return; }
  const width = svg.clientWidth || 900, height = 260, left = 70, right = 20, top = 10, bottom = 30;
  const maxY = Math.max(g.marginal[0].cost || 0, ...points.map((p) => p.expectedSaving)), maxX = points.length;
  const x = (k) => left + (k / maxX) * (width - left - right), y = (v) => top + (1 - v / maxY) * (height - top - bottom);
  const step = Math.max(1, Math.floor(points.length / 1500));
  add("polyline", { points: points.filter((_, i) => i % step === 0 || i === points.length - 1).map((p) => `${x(p.place)},${y(p.expectedSaving)}`).join(" "), fill: "none", stroke: "var(--demand)", "stroke-width": 2, "data-series": "saving" });
  if (points[0].cost != null) { add("line", { x1: left, x2: width - right, y1: y(points[0].cost), y2: y(points[0].cost), stroke: "var(--gap)", "stroke-width": 2, "data-series": "cost" }); }
  const marker = (k, label, series) => { add("line", { x1: x(k), x2: x(k), y1: top, y2: height - bottom, stroke: "var(--places)", "stroke-dasharray": "4 3", "data-series": series }); const nearRight = x(k) > width - right - 120; add("text", { x: nearRight ? x(k) - 4 : x(k) + 4, y: series === "optimal" ? top + 26 : top + 12, "text-anchor": nearRight ? "end" : "start" }, label); };
  marker(Math.min(g.places, maxX), `today ${number.format(g.places)}`, "places");
  if (g.optimalPlaces != null) { marker(g.optimalPlaces, `optimum ${g.optimalPlaces}`, "optimal"); }
  add("text", { x: left - 6, y: y(maxY) + 4, "text-anchor": "end" }, money.format(maxY));
  add("text", { x: left - 6, y: y(0), "text-anchor": "end" }, "£0");
  add("text", { x: width - right, y: height - 8, "text-anchor": "end" }, `place ${maxX}`);
}

async function loadModel() {
  say("Checking the live model for drift...");
  const status = await api("/v1/status?drift=true");
  const d = status.drift;
  $("#drift-summary").textContent = `Model ${d.modelVersion} against ${d.families} cohort families at ${d.asOf}: ` +
    (d.drifted ? "DRIFT past 0.25 — retrain or re-validate before relying on the scores. " : "no drift past 0.25. ") +
    `${d.stableFeatures} features stable; base rate in training ${percent.format(d.trainingBaseRate)}, mean predicted now ${percent.format(d.meanPredicted)}.`;
  const body = $("#drift-table tbody");
  body.replaceChildren();
  for (const f of [d.score, ...(d.shifted || [])]) {
    const row = document.createElement("tr");
    row.dataset.name = f.name; row.dataset.psi = f.psi; row.dataset.band = f.band;
    row.append(cell(f.description), cell(f.psi.toFixed(3), "num"), cell(f.band));
    body.append(row);
  }
  const registry = await api("/v1/models");
  const published = $("#registry-table tbody");
  published.replaceChildren();
  for (const p of registry.publications || []) {
    const row = document.createElement("tr");
    row.dataset.version = p.version; row.dataset.live = Boolean(p.live); row.dataset.by = p.publishedBy;
    row.append(cell(p.live ? `${p.version} (live)` : p.version), cell(p.action), cell(p.publishedAt.replace("T", " ").slice(0, 19)),
      cell(`${p.publishedBy} (${p.role})`), cell(p.reason), cell(p.comparisonDetail || ""));
    published.append(row);
  }
  say("Drift check and model registry loaded.");
}

async function loadFootprint() {
  say("Loading the care entrants' footprint...");
  const f = await api("/v1/footprint");
  $("#footprint-summary").textContent = `${f.entrants} children started to be looked after from ${f.from} to ${f.to}.` +
    (f.suppressed ? " Fewer than 10: too few to show shares without risk of identifying them." : "");
  const body = $("#footprint-table tbody");
  body.replaceChildren();
  const groups = [["In the 12 months before entry, the family had", f.agencies], ["RiskFlags would have flagged the family", f.flaggedBefore], ["By pathway (3, 6 or 12 months before)", f.flaggedByPathway], ["Before entry, the family was", f.programmesBefore]];
  for (const [title, shares] of groups) {
    const head = document.createElement("tr");
    const th = document.createElement("th"); th.scope = "rowgroup"; th.colSpan = 3; th.textContent = title; head.append(th); body.append(head);
    for (const s of shares || []) {
      const row = document.createElement("tr");
      row.dataset.name = s.name; row.dataset.children = s.children;
      row.append(cell(s.name.replaceAll("_", " ")), cell(String(s.children), "num"), cell(s.share == null ? "suppressed" : percent.format(s.share), "num"));
      body.append(row);
    }
  }
  say("Footprint loaded.");
}

const scenarioColours = ["#505a5f", "#1d70b8", "#d4351c", "#00703c", "#912b88", "#f47738"];

async function loadForecast() {
  say("Loading the forecast...");
  const forecast = await api("/v1/forecast");
  const scenarios = forecast.scenarios;
  const last = (s) => s.years[s.years.length - 1];
  $("#forecast-summary").textContent = `From ${forecast.baseYear}, ${scenarios[0].years.length - 1} years: ` +
    scenarios.map((s) => `${s.name} ${number.format(s.years[0].lookedAfter)} -> ${number.format(last(s).lookedAfter)} children (${last(s).change >= 0 ? "+" : ""}${percent.format(last(s).change)})`).join("; ") + ".";
  drawLines($("#forecast-children"), scenarios, (y) => y.lookedAfter, (v) => number.format(v));
  drawLines($("#forecast-cost"), scenarios, (y) => y.totalCost, (v) => money.format(v));
  const body = $("#forecast-inputs tbody");
  body.replaceChildren();
  for (const s of scenarios) {
    const row = document.createElement("tr");
    row.dataset.scenario = s.name;
    row.append(cell(s.name), cell(s.population), cell(s.rate), cell(number.format(s.uasc), "num"), cell(number.format(s.weeksOfCare), "num"),
      cell(money.format(s.weeklyPlacementCost), "num"), cell(s.nonPlacementFixed != null ? `${money.format(s.nonPlacementFixed)} a year` : `${percent.format(s.nonPlacementShare)} of the total`),
      cell(number.format(last(s).lookedAfter), "num"), cell(money.format(last(s).totalCost - s.years[0].totalCost), "num"));
    body.append(row);
  }
  say("Forecast loaded.");
}

// One line per scenario over the years, with a legend; each line carries its figures for the browser test.
function drawLines(svg, scenarios, value, format) {
  svg.replaceChildren();
  const ns = "http://www.w3.org/2000/svg";
  const add = (name, attributes, text) => { const el = document.createElementNS(ns, name); for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v); if (text) el.textContent = text; svg.append(el); return el; };
  const width = svg.clientWidth || 900, height = 260, left = 90, right = 220, top = 10, bottom = 30;
  const years = scenarios[0].years.map((y) => y.year), all = scenarios.flatMap((s) => s.years.map(value));
  const min = Math.min(...all) * 0.95, max = Math.max(...all) * 1.02;
  const x = (year) => left + ((year - years[0]) / Math.max(1, years[years.length - 1] - years[0])) * (width - left - right);
  const y = (v) => top + (1 - (v - min) / (max - min)) * (height - top - bottom);
  add("text", { x: left - 6, y: y(max) + 10, "text-anchor": "end" }, format(max));
  add("text", { x: left - 6, y: y(min), "text-anchor": "end" }, format(min));
  add("text", { x: x(years[0]), y: height - 8 }, String(years[0]));
  add("text", { x: x(years[years.length - 1]), y: height - 8, "text-anchor": "end" }, String(years[years.length - 1]));
  scenarios.forEach((s, i) => {
    const colour = scenarioColours[i % scenarioColours.length];
    add("polyline", { points: s.years.map((p) => `${x(p.year)},${y(value(p))}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2,
      "data-scenario": s.name, "data-values": s.years.map(value).join(" ") });
    add("text", { x: width - right + 8, y: top + 16 + i * 18, fill: colour }, `${s.name}: ${format(value(s.years[s.years.length - 1]))}`);
  });
}

function fail(error) { say(""); const target = $("#app").hidden ? $("#signin-error") : $("#status"); target.textContent = error.message; }

$("#signin-form").addEventListener("submit", (e) => { e.preventDefault(); $("#signin-error").textContent = ""; signIn($("#api-key").value.trim()).catch(fail); });
$("#signout").addEventListener("click", () => { sessionStorage.removeItem("riskflags-key"); location.reload(); });
for (const button of document.querySelectorAll("nav [data-view]")) { button.addEventListener("click", () => showView(button.dataset.view).catch(fail)); }
$("#cohort-filters").addEventListener("submit", (e) => { e.preventDefault(); state.cohortToken = ""; state.cohortHistory = []; loadCohort().catch(fail); });
$("#cohort-next").addEventListener("click", () => { state.cohortHistory.push(state.cohortToken); state.cohortToken = $("#cohort-next").dataset.token; loadCohort().catch(fail); });
$("#cohort-prev").addEventListener("click", () => { state.cohortToken = state.cohortHistory.pop() || ""; loadCohort().catch(fail); });
$("#o-programme").addEventListener("change", () => showOffers($("#o-programme").value));
$("#waiting-form").addEventListener("submit", (e) => { e.preventDefault(); loadWaiting().catch(fail); });
if (state.key) { signIn(state.key).catch(fail); }
