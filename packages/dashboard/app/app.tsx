// The dashboard's shell: a skip link, the navigation, the theme toggle and the routed views.
import { useState } from "preact/hooks";
import { LocationProvider, Route, Router, useLocation } from "preact-iso";
import { applyTheme, nextTheme, savedTheme, type Theme } from "./theme";
import { CompareView } from "./views/compare";
import { NotFound } from "./views/not-found";
import { RunView } from "./views/run";
import { RunsView } from "./views/runs";
import { ApprovalsView } from "./views/approvals";
import { SchedulesView } from "./views/schedules";
import { SkillsView } from "./views/skills";
import { SkillView } from "./views/skill";
import { EvalsView } from "./views/evals";
import { EvalReportView } from "./views/eval-report";

/** The sections of the navigation, in order. */
export const SECTIONS = [
  { path: "/", label: "Runs" },
  { path: "/approvals", label: "Approvals" },
  { path: "/schedules", label: "Schedules" },
  { path: "/skills", label: "Skills" },
  { path: "/evals", label: "Evaluations" },
] as const;

function Nav() {
  const { path } = useLocation();
  const current = (section: string) =>
    section === "/" ? path === "/" || path.startsWith("/runs") : path.startsWith(section);
  return (
    <nav aria-label="Sections">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.path}>
            <a href={s.path} aria-current={current(s.path) ? "page" : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(savedTheme());
  const label = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" }[theme];
  return (
    <button
      type="button"
      class="theme"
      onClick={() => {
        const next = nextTheme(theme);
        applyTheme(next);
        setTheme(next);
      }}
    >
      {label}
    </button>
  );
}

/** The whole app. */
export function App() {
  applyTheme(savedTheme());
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <a class="brand" href="/">
          skillflow
        </a>
        <Nav />
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/" component={RunsView} />
          <Route path="/runs" component={RunsView} />
          <Route path="/approvals" component={ApprovalsView} />
          <Route path="/schedules" component={SchedulesView} />
          <Route path="/skills" component={SkillsView} />
          <Route path="/skills/:name" component={SkillView} />
          <Route path="/evals" component={EvalsView} />
          <Route path="/evals/:id" component={EvalReportView} />
          <Route path="/runs/:id" component={RunView} />
          <Route path="/compare" component={CompareView} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </LocationProvider>
  );
}
