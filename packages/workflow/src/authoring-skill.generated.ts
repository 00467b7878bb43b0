// GENERATED from skill/SKILL.md by scripts/embed-authoring-skill.ts; edit the Markdown, not this file.

/** The text of `skill/SKILL.md`, the WorkflowSkill authoring guide for LLMs. */
export const AUTHORING_SKILL_TEXT = `---
name: workflow-author
description: >-
  Write, review and repair WorkflowSkill workflows: deterministic YAML plans, embedded in a SKILL.md,
  that a runtime executes step by step through tools, transforms, branches and early exits, with no
  model in the loop. Use this when a user wants a repeatable multi-step task automated (check a page
  every day, triage new issues, fetch-filter-report pipelines), when turning a conversation into a
  reusable workflow, or when a workflow failed validation or a run and needs fixing.
---

# Writing WorkflowSkill workflows

A WorkflowSkill is a plan that a runtime carries out exactly as written. It is YAML inside a fenced
code block whose info string is \`workflow\`, placed in a SKILL.md. Steps run one after another;
**tool** steps reach the outside world (APIs, files, and LLM calls too), **transform** steps filter,
map and sort lists, **conditional** steps choose a branch, **exit** steps return early, **approval**
steps wait for a person's decision and **workflow** steps run another workflow. Every decision is an
expression written in the document (or a person's answer to an approval): the runtime never reasons
or improvises.

Your job: write a workflow that passes validation and does what the user asked, using only tools the
host really has.

## Before you write

1. **Know the tools.** Get each tool's exact name, its arguments and the shape of its result from the
   host's catalog or from the user. Never invent a tool name: the runtime refuses to start a workflow
   whose tools are not registered.
2. **Choose inputs and outputs.** Inputs are what changes between runs (a URL, a limit); outputs are
   what the caller wants back. Give inputs defaults when a sensible one exists.
3. **Push judgement into tools.** Summarising, classifying or writing text is a tool call (an LLM
   tool, if the host offers one). Expressions only compare, combine and look things up.
4. **Keep it linear.** Fetch, narrow down, order, stop early when there is nothing to do, act.

## Document shape

\`\`\`\`markdown
---
name: daily-headlines
description: Fetches a news feed and returns the newest headlines about a topic.
---

# Daily headlines

Prose for people and agents: what the workflow does, which tools it needs, what it returns.

\`\`\`workflow
inputs:
  topic: { type: string, default: "open source" }
outputs:
  headlines: { type: array, value: $steps.newest.output.items }
steps:
  - id: feed
    type: tool
    tool: fetch_feed
    inputs:
      query: { type: string, value: $inputs.topic }
    outputs:
      entries: { type: array, value: $result.entries }
  - id: newest
    type: transform
    operation: sort
    field: published_at
    direction: desc
    inputs:
      items: { type: array, value: $steps.feed.output.entries }
    outputs:
      items: { type: array }
\`\`\`
\`\`\`\`

- Frontmatter \`name\` (lowercase words joined by hyphens) names the run; \`description\` says what the
  workflow does and when to use it.
- Exactly one block with info string \`workflow\` (not \`yaml\`, not \`workflow yaml\`). Only the first
  such block is used. The closing fence starts at the beginning of a line.
- YAML rules that bite: indent with spaces, never tabs; a key may appear only once per mapping; quote
  any string containing \`: \` or \` #\`, and any string that starts with \`!\`, \`"\`, \`'\`, \`{\`, \`[\`, \`*\`,
  \`&\`, \`|\`, \`>\`, \`%\` or \`@\`. Inside \`{ ... }\` flow mappings, also quote values that contain \`[\`, \`]\`,
  \`{\`, \`}\` or \`,\`, or switch to block style.

Top-level keys: \`inputs\` (optional), \`outputs\` (optional), \`steps\` (required, at least one) and
\`timeout\` (optional default per-attempt limit for tool calls). Unknown keys are ignored everywhere,
so a misspelt key (\`on-error\`, \`conditon\`) silently does nothing: spell keys exactly.

## Types, inputs and outputs

Type names: \`string\`, \`int\` (whole number), \`float\` (any finite number; an \`int\` is also a valid
\`float\`), \`boolean\`, \`array\`, \`object\` (a mapping). \`null\` and missing values fail every type unless
the declaration says \`nullable: true\`.

Every declared field is a mapping with a \`type\`:

| Key | Allowed on | Meaning |
|---|---|---|
| \`type\` | everywhere (required) | one of the six names |
| \`value\` | step inputs, step outputs, workflow outputs | literal or expression (see "Values") |
| \`default\` | workflow inputs only | used when the caller does not pass the input |
| \`nullable\` | everywhere | accept \`null\` / missing |
| \`items\`, \`properties\` | everywhere | documentation of elements and fields (\`items\` needs a valid \`type\`) |

**Workflow inputs** are checked before any step runs. An input without \`default\` is required unless
it is \`nullable: true\` (then it is optional and missing when omitted). A value of the wrong type is
rejected, and so is a \`default\` that does not match its own \`type\`. Only declared inputs can be read: \`$inputs.limit\` requires \`limit\` under \`inputs\`.

\`\`\`yaml
inputs:
  repo:   { type: string }                       # required
  limit:  { type: int, default: 10 }             # optional, defaults to 10
  label:  { type: string, nullable: true }       # optional, missing when omitted
  tags:   { type: array, items: { type: string }, default: [] }
\`\`\`

**Step outputs** are declared with \`value\` expressions over \`$result\`, the step's raw result. After
each step the mapped outputs are type-tested; a mismatch fails the step (it is not retried; \`on_error\`
applies). Mark fields that may be missing as \`nullable: true\`. If no output of a step has a \`value\`,
the raw result passes through unchanged and each declared name is tested against the same-named
field of it.

**Workflow outputs** are resolved after the last step with \`value\` expressions over \`$steps\` and
\`$inputs\`. An output without \`value\` takes the same-named field of the last step's output. When an
exit step ends the run, outputs come from the exit's \`output\` instead (see "exit").

## Steps

Fields every step may have:

| Field | Meaning |
|---|---|
| \`id\` | required, unique; use \`snake_case\` letters, digits and \`_\` so \`$steps.my_id\` works |
| \`type\` | required: \`tool\`, \`transform\`, \`conditional\`, \`exit\`, \`approval\` or \`workflow\` |
| \`description\` | text for people; shown in progress events |
| \`inputs\` | named values the step receives (field declarations with \`value\`; \`default\` is not allowed here) |
| \`outputs\` | named values the step produces (field declarations, usually with \`value\` over \`$result\`) |
| \`condition\` | guard expression: the step is skipped when it is false (for \`conditional\` it is the branch test) |
| \`each\` | expression yielding an array: run the step once per element (not on exit, conditional or approval) |
| \`delay\` | pause between iterations, e.g. \`500ms\` (needs \`each\`) |
| \`concurrency\` | iterations run in parallel, integer ≥ 1, default 1 (needs \`each\`) |
| \`retry\` | \`{ max, delay, backoff }\`, all three required, plus optional \`max_delay\` (cap of each wait) and \`jitter: true\`; only tool failures are retried |
| \`timeout\` | limit for each attempt of a tool call, e.g. \`30s\` (overrides the top-level \`timeout\`) |
| \`on_error\` | \`fail\` (default: stop the run) or \`ignore\` (record the failure and continue) |

A step skipped by its guard has output \`null\`. Steps run in the order written, each one finishing
(all iterations and retries) before the next starts; a step may only read steps declared before it.

### tool

\`\`\`yaml
- id: search
  type: tool
  tool: search_issues          # exact registered name
  inputs:
    query: { type: string, value: "repo:\${inputs.repo} is:open" }
    limit: { type: int, value: $inputs.limit }
  outputs:
    issues: { type: array, value: $result.items }
    total:  { type: int, value: $result.total_count }
\`\`\`

The resolved \`inputs\` are the tool's arguments (inputs without \`value\` are not sent). The tool
returns \`{ output, error? }\`; \`$result\` is \`output\`. An \`error\`, a thrown exception or a timeout is a
tool failure: retried under \`retry\`, then handled by \`on_error\`.

### transform

One operation over one array. Name the array input \`items\` and declare \`outputs: { items: { type:
array } }\`; downstream steps then read \`$steps.<id>.output.items\`.

\`\`\`yaml
- id: open_bugs                  # filter: keep elements whose \`where\` is true
  type: transform
  operation: filter
  where: $item.state == "open" && $item.labels contains "bug"
  inputs:
    items: { type: array, value: $steps.search.output.issues }
  outputs:
    items: { type: array }

- id: by_age                     # sort: by a dot path, asc (default) or desc
  type: transform
  operation: sort
  field: created_at
  direction: asc
  inputs:
    items: { type: array, value: $steps.open_bugs.output.items }
  outputs:
    items: { type: array }

- id: brief                      # map: build one new mapping per element
  type: transform
  operation: map
  expression:
    number: $item.number
    title: $item.title
    author: $item.user.login
    source: github               # strings without a leading $ are literal
    links:
      html: $item.html_url        # nested mappings are resolved too
  inputs:
    items: { type: array, value: $steps.by_age.output.items }
  outputs:
    items: { type: array }
\`\`\`

- \`where\` sees \`$item\` and \`$index\`; \`map\` values that start with \`$\` are expressions, other strings
  are literal, \`$$\` at the start escapes a literal dollar. Templates (\`\${...}\`) are **not**
  interpolated in \`map\`.
- \`sort\` is stable; elements whose key is missing or null go last in both directions. Numbers sort
  numerically, strings by character code (\`"B"\` before \`"a"\`, \`"10"\` before \`"9"\`). ISO dates sort
  correctly as strings.
- Sort by several keys: sort by the minor key first, then by the major key (stability keeps ties in
  order). Keep the first N: after sorting, filter with \`where: $index < $inputs.limit\`.
- A transform fed a missing or null list produces an empty list.

### conditional

\`\`\`yaml
- id: route
  type: conditional
  condition: $steps.ticket.output.priority == "urgent"
  then: [page_oncall]              # one or more step ids, run in order
  else: [add_to_backlog]           # optional
\`\`\`

Steps named in \`then\`/\`else\` are **branch steps**: they run only when selected, never in the normal
sequence, wherever they are declared (declare them right after the conditional for readability).
The conditional's output is the output of the last step listed in the chosen branch (null when no
branch was chosen or that step did not run).
An unselected branch step never runs, so \`$steps.<it>\` is missing: combine alternatives with \`??\`,
as in \`$steps.page_oncall.output.id ?? $steps.add_to_backlog.output.id\`.

### exit

\`\`\`yaml
- id: nothing_to_do
  type: exit
  condition: $steps.open_bugs.output.items.length == 0
  status: success                  # or failed: end the run as failed on purpose
  output:
    count: 0
    summary: "No open bugs in \${inputs.repo}"
\`\`\`

An exit stops the whole run at once. With a guard it is an early return. Its \`output\` is a mapping
whose top-level string values are resolved like \`value\` (numbers, lists and nested mappings are
copied as written), or a string. Workflow outputs then take the same-named keys from that mapping;
declared outputs the mapping lacks are left out. A string \`output\` is evaluated as one expression
(unless it is a template or starts with \`$$\`), so \`output: done\` is an error; write
\`output: { message: done }\`.

### approval

\`\`\`yaml
- id: confirm_send
  type: approval
  message: "Send \${steps.draft.output.count} emails to \${inputs.list}?"
  timeout: 24h                     # optional; without it the approval waits for ever
  on_timeout: reject               # reject (default), approve or fail; needs timeout
  response:                        # optional typed fields the approver fills in
    note: { type: string, nullable: true }
- id: send
  type: tool
  tool: send_emails
  condition: $steps.confirm_send.output.approved
  inputs:
    drafts: { type: array, value: $steps.draft.output.items }
\`\`\`

The run pauses until a person (or the host) decides; the host may suspend it and resume it later,
even in another process. \`message\` is required and resolved like a \`value\`. The output is
\`{ approved, by, at, timed_out, response }\` (\`by\` may be null; \`at\` is the decision time; \`response\`
holds the declared fields). **A rejection is not a failure**: the step succeeds with
\`approved: false\`, so guard every later step that needs the approval with
\`$steps.<id>.output.approved\`, or end early with an exit whose
\`condition: "!$steps.<id>.output.approved"\` (quoted for YAML). On a timeout,
\`timed_out\` is true and \`on_timeout\` decides: \`reject\`/\`approve\` set \`approved\`, \`fail\` fails the
step (\`on_error\` applies). Only the approval's own \`timeout\` sets its deadline. Not allowed on an
approval: \`each\`, \`delay\`, \`concurrency\`, \`retry\`.

### workflow

\`\`\`yaml
- id: digests
  type: workflow
  workflow: page-digest            # a skill name, or a relative path such as ./digest/SKILL.md
  each: $steps.list.output.urls
  concurrency: 3
  inputs:
    url: { type: string, value: $item }
  outputs:
    summary: { type: string, value: $result.summary }
\`\`\`

Runs another workflow as one step. \`workflow:\` is written literally (never an expression) and the
host resolves it; the child document is validated with the parent, before anything runs. The step's
\`inputs\` are the child's inputs: give every required one, and no name the child does not declare.
\`$result\` is the child's workflow outputs. \`each\`, \`concurrency\`, \`retry\`, \`timeout\` and \`on_error\`
work as for tools. A child that fails fails the step with the error \`Workflow "<ref>": <child's
error>\`; a child that ends at an exit with status \`success\` succeeds. References must not form a
cycle, and nesting stops at 8 documents.

## Values

Each \`value\` (and each top-level string in an exit \`output\` mapping) is resolved like this:

| Written | Result |
|---|---|
| a number, boolean, null, list or mapping | used as written, except that strings inside containing \`\${...}\` (any depth) are templates; \`$name\` strings inside are **not** evaluated |
| \`$$100\` (starts with \`$$\`) | the literal text \`$100\` |
| a string containing \`\${...}\` | a template (below) |
| a string starting with \`$\` | one expression; its result with its own type (\`$inputs.n > 5\` is a boolean) |
| any other string | the string itself |

**Templates**: \`\${...}\` embeds an expression written without its leading \`$\`: \`"\${inputs.repo}"\`,
\`"Found \${steps.search.output.total} issues"\`, \`"Hello \${inputs.name ?? 'friend'}"\`. A value that is exactly
one template keeps the result's type (a list stays a list). Mixed with text, results are turned into
text: null and missing become empty, lists and mappings become JSON. No space after \`\${\`
(\`\${ inputs.x }\` is an error). \`$\${\` writes a literal \`\${\`. Templates work in \`value\`s (also in
strings nested in a list or mapping \`value\`: \`{ text: "n=\${inputs.n}", n: "\${inputs.n}" }\` gives
\`{ text: "n=3", n: 3 }\`) and exit output strings (top level only); \`condition\`, \`where\` and \`each\`
are plain expressions (no \`\${\`).

## Expressions

**References**

| Reference | Where | Value |
|---|---|---|
| \`$inputs.<name>\` | everywhere | a declared workflow input |
| \`$steps.<id>.output\` | after step \`<id>\` has run | that step's output |
| \`$steps.<id>.status\` | after step \`<id>\` has run | \`"success"\`, \`"failed"\`, \`"skipped"\` or \`"waiting"\` |
| \`$steps.<id>.error\` | after step \`<id>\` has run | its error text, or null when it did not fail |
| \`$item\`, \`$index\` | inside an \`each\` step's inputs and outputs, a filter \`where\`, a map \`expression\` | current element and its 0-based position |
| \`$result\` | step output \`value\` only | the step's raw result |

Access with \`.name\`, \`.0\` (list position), \`["any-key"]\`, or \`[$index]\`. \`.length\` gives a list's
size; strings have no \`.length\`. Reading through a missing or null value gives "missing", never an
error: \`$steps.a.output.x.y\` is missing if \`x\` is.

**Literals**: numbers (\`3\`, \`-1.5\`), strings (\`"text"\` or \`'text'\`; a backslash makes the next
character literal; there are no escape sequences such as \`\\n\`), \`true\`, \`false\`, \`null\`. There are
no list or mapping literals.

**Operators**, loosest first:

| Level | Operators | Notes |
|---|---|---|
| 1 | \`a ?? b\` | \`a\` unless it is null or missing, else \`b\`; \`b\` is evaluated only when needed |
| 2 | \`a \\|\\| b\` | boolean or |
| 3 | \`a && b\` | boolean and |
| 4 | \`==\` \`!=\` \`>\` \`>=\` \`<\` \`<=\` \`contains\` \`in\` | at most one per group: write \`1 < $x && $x < 5\`, not \`1 < $x < 5\` |
| 5 | \`!a\` | not; binds tighter than comparisons: \`!$a == $b\` is \`(!$a) == $b\` |
| 6 | \`.name\` \`[expr]\` | only after a reference |

Use parentheses freely. There is **no** arithmetic, string concatenation (use a template), function
call, ternary or regular expression, and no bare names: write \`$item.score > 5\`, never \`score > 5\`.

**Semantics**

- \`==\` compares numbers and numeric strings by value (\`7 == "7"\` is true); otherwise both sides must
  be the very same value. Two distinct lists or mappings are never equal. \`true == "true"\` is false.
- \`>\` \`>=\` \`<\` \`<=\` compare **numbers only**: strings are converted to numbers (non-numeric text
  counts as 0), so \`"b" > "a"\` is false and dates cannot be compared. Sort instead, or have a tool
  return numbers.
- \`x contains y\`: if \`x\` is a list, strict membership (case-sensitive); otherwise case-insensitive
  substring of the text forms (\`$item.title contains "error"\`).
- \`x in y\`: membership in list \`y\`, or own key \`x\` in mapping \`y\`; false for anything else.
- \`&&\` and \`||\` always return \`true\`/\`false\` and evaluate **both** sides.

**Truthiness has two rules; avoid relying on either.**

- Guards (\`condition\`), conditional tests and filter \`where\` treat \`[]\` as **true** (and NaN as false).
- \`!\`, \`&&\` and \`||\` treat \`[]\` as **false** (and NaN as true).

So \`condition: $steps.search.output.items\` runs the step even for an empty list. Always test lists
explicitly: \`$steps.search.output.items.length > 0\` or \`... .length == 0\`.

**Null versus missing.** A step skipped by its guard, or failed under \`on_error: ignore\`, has output
\`null\`; a field the data does not have, a step not run yet and an unselected branch step are
*missing*. \`== null\` is true for null only: \`$steps.s.output.title == null\` is false when \`title\` is
missing. To test "no value", write \`($steps.s.output.title ?? null) == null\`; to supply a fallback,
write \`$steps.s.output.title ?? "untitled"\`. \`!$x\` is true for both (and for \`0\`, \`""\`, \`false\` and \`[]\`).

## Iterating with each

\`\`\`yaml
- id: fetch_pages
  type: tool
  tool: fetch_url
  each: $inputs.urls            # must produce a list
  concurrency: 4                # up to 4 in flight; results keep input order
  delay: 250ms                  # starts are spaced by 250ms
  on_error: ignore              # failed elements become null; the rest still run
  inputs:
    url: { type: string, value: $item }
  outputs:
    url:    { type: string, value: $item }
    status: { type: int, value: $result.status }
\`\`\`

- The step runs once per element with \`$item\`/\`$index\`; its output is a list aligned with the input
  (\`$steps.fetch_pages.output\`, without \`.items\`), holding each element's mapped outputs.
- \`$item\` cannot be used in the step's own \`condition\` or \`each\`: both are evaluated once, before the
  iterations.
- \`on_error: fail\` (default): after an element fails no new element starts and the run stops.
  \`on_error: ignore\`: every element runs, failed ones leave \`null\`; drop them next with a filter
  \`where: $item != null\`.
- \`retry\` and \`timeout\` apply to each element separately. An empty list means zero iterations and
  output \`[]\`.

## Failures: retry, timeout, on_error

\`\`\`yaml
timeout: 30s                     # top level: default limit for every tool attempt
steps:
  - id: crawl
    type: tool
    tool: crawl_site
    timeout: 2m                  # this step's own limit per attempt
    retry: { max: 3, delay: 1s, backoff: 2 }   # waits 1s, 2s, 4s between attempts
    on_error: ignore
\`\`\`

- Durations are a whole number plus \`ms\`, \`s\`, \`m\` or \`h\`: \`250ms\`, \`2s\`, \`5m\`, \`1h\`. Not \`1.5s\`,
  \`2 s\`, \`2S\` or \`100\`. A \`delay\` may be \`0ms\`; a \`timeout\` must be more than zero.
- \`retry\` retries tool failures only: an error result, a thrown exception, or an attempt that ran
  past \`timeout\`. The wait before retry k is \`delay × backoff^(k−1)\`, at most \`max_delay\` when
  given; \`jitter: true\` picks each wait at random up to that. Expression errors, type mismatches
  and transform/exit/conditional failures are never retried, nor are tool failures the tool marks
  permanent (bad URL, missing key, HTTP 404): those fail at once. A server's \`Retry-After\` lengthens
  a wait, up to \`max_delay\` — set it to bound waits.
- Web tools fail on HTTP errors (status, URL and the start of the body in the error; 429 and 5xx
  are retried). To branch on an error status instead, pass the input
  \`acceptErrorStatus: { type: boolean, value: true }\` and read \`output.status\`.
- \`on_error: fail\` (default) stops the run as failed; remaining steps are skipped. \`on_error: ignore\`
  records the failure, sets the step's output to \`null\` (for \`each\`: the partial list) and carries
  on; the run can still succeed. Decide per step: ignore only what the rest can live without.
  React to it with a guard: \`condition: $steps.primary.status == "failed"\` runs a fallback only
  then; \`$steps.primary.error\` holds the message. \`$steps.<id>\` has no members besides \`output\`,
  \`status\` and \`error\` (others are a validation error).
- Hosts may cancel a run at any time; nothing in the document is needed for that.

## What validation checks

Before anything runs, the document is checked and **every** problem is reported with its path, line
and column:

- YAML syntax; the required fields and allowed values of every step type; \`condition\`, \`each\` and
  \`where\` are strings; no \`default\` on step inputs; \`retry\` has an integer \`max\` from 1 to 100, a
  duration \`delay\`, a \`backoff\` > 0 and at most 10, and optionally a duration \`max_delay\` and a
  boolean \`jitter\`.
- Unique step ids; \`each\` not on exit, conditional or approval steps; \`delay\` and \`concurrency\` only with
  \`each\`; valid durations and non-zero timeouts.
- Tools are registered (when the host supplies its catalog).
- Every \`workflow:\` reference resolves and its document validates too (its problems name its own
  file, line and column); the step's inputs match the child's inputs. An approval's \`on_timeout\`
  needs a \`timeout\`.
- Every \`$steps.<id>\` names an existing step declared earlier (branch steps may point anywhere),
  with no cycles; \`then\`/\`else\` ids exist; a conditional does not include itself in its branches.
- Every expression and template parses; only \`$inputs\`, \`$steps\`, \`$item\`, \`$index\`, \`$result\` are
  used, each where it is allowed; every \`$inputs.<name>\` is declared; step outputs use \`$result\`,
  not \`$steps\`; workflow outputs use \`$steps\`, not \`$result\`.
- Wiring types: a step input declaring a \`type\` whose \`value\` is exactly \`$inputs.<name>\` or
  \`$steps.<id>.output.<name>\` must match the type declared there (\`int\` into \`float\` is fine).

When a run starts, missing required inputs and inputs of the wrong type are reported together, before
any step runs. Everything else (tool errors, data of an unexpected type) shows up in the run log:
read the failed step's \`error\`, its \`inputs\`, and the outputs of the steps before it.

## Common mistakes

| Mistake | Fix |
|---|---|
| \`condition: true\` (a YAML boolean) | \`condition: "true"\` |
| \`where: !$item.done\` (YAML reads \`!\` as a tag) | \`where: "!$item.done"\` |
| \`where: "bug" in $item.labels\` (YAML reads the quoted part alone) | \`where: '"bug" in $item.labels'\` or \`where: $item.labels contains "bug"\` |
| \`condition: $steps.s.output.items\` to mean "not empty" | \`condition: $steps.s.output.items.length > 0\` |
| \`$steps.s.output.title == null\` for a field that may be missing | \`($steps.s.output.title ?? null) == null\` |
| \`default:\` on a step input | \`value:\` (\`default\` belongs to workflow inputs) |
| \`$steps.x...\` inside a step output \`value\` | map from \`$result\`; reference other steps in step inputs |
| \`$result\` in a workflow output | \`$steps.<id>.output.<name>\` |
| \`score > 5\`, \`$inputs.count + 1\`, \`len($item.tags)\` | \`$item.score > 5\`; no arithmetic or functions: let a tool compute it |
| \`"\${ inputs.q }"\` | \`"\${inputs.q}"\` |
| \`$inputs.name.length\` (strings have no length) | test \`$inputs.name != ""\` or \`!$inputs.name\` |
| \`$item.created_at > "2025-01-01"\` | dates do not compare: sort by them, or have a tool return a number |
| \`$steps.keep.output\` after a filter | \`$steps.keep.output.items\` |
| \`$steps.each_step.output.items\` after an \`each\` step | \`$steps.each_step.output\` (a list) |
| \`delay: 1.5s\` | \`delay: 1500ms\` |
| \`\${...}\` inside a \`map\` expression | pass the parts as fields, or build the text in a tool input |
| a tool field that is sometimes absent, declared without \`nullable\` | add \`nullable: true\` |
| \`output: all done\` on an exit (read as an expression) | \`output: { message: all done }\` |
| \`inputs: { items: { type: array, value: $steps.a.output[0] } }\` | quote it: \`value: "$steps.a.output[0]"\` |
| reading a branch step that may not have run | \`$steps.a.output.x ?? $steps.b.output.x\` |
| acting after an approval without a guard (a rejection still succeeds) | \`condition: $steps.confirm.output.approved\` |
| \`workflow: $inputs.skill\` (an expression) | write the skill name or relative path literally |

## Worked example 1: fetch, filter, sort, exit early

Find the most starred repositories for a topic.

\`\`\`workflow
inputs:
  topic: { type: string }
  min_stars: { type: int, default: 500 }
  limit: { type: int, default: 5 }
outputs:
  count: { type: int, value: $steps.shape.output.items.length }
  repos: { type: array, value: $steps.shape.output.items }
  summary: { type: string, value: "Top \${steps.shape.output.items.length} repositories for \${inputs.topic}" }
timeout: 20s
steps:
  - id: search
    type: tool
    tool: search_repositories
    description: Search repositories tagged with the topic
    retry: { max: 2, delay: 1s, backoff: 2 }
    inputs:
      query: { type: string, value: "topic:\${inputs.topic}" }
      per_page: { type: int, value: 100 }
    outputs:
      repos: { type: array, value: $result.items }
  - id: popular
    type: transform
    operation: filter
    where: $item.stargazers_count >= $inputs.min_stars && !$item.archived
    inputs:
      items: { type: array, value: $steps.search.output.repos }
    outputs:
      items: { type: array }
  - id: stop_if_none
    type: exit
    condition: $steps.popular.output.items.length == 0
    status: success
    output:
      count: 0
      repos: []
      summary: "No repositories about \${inputs.topic} have \${inputs.min_stars} stars or more"
  - id: ranked
    type: transform
    operation: sort
    field: stargazers_count
    direction: desc
    inputs:
      items: { type: array, value: $steps.popular.output.items }
    outputs:
      items: { type: array }
  - id: top
    type: transform
    operation: filter
    where: $index < $inputs.limit
    inputs:
      items: { type: array, value: $steps.ranked.output.items }
    outputs:
      items: { type: array }
  - id: shape
    type: transform
    operation: map
    expression:
      name: $item.full_name
      stars: $item.stargazers_count
      url: $item.html_url
      about: $item.description ?? ""
    inputs:
      items: { type: array, value: $steps.top.output.items }
    outputs:
      items: { type: array }
\`\`\`

## Worked example 2: each with concurrency, tolerating failures

Fetch many pages four at a time, keep going when some fail, and report the pages that mention a
keyword.

\`\`\`workflow
inputs:
  urls: { type: array, items: { type: string } }
  keyword: { type: string, default: "pricing" }
outputs:
  checked: { type: int, value: $steps.fetch_pages.output.length }
  reachable: { type: int, value: $steps.fetched.output.items.length }
  matches: { type: array, value: $steps.report.output.items }
steps:
  - id: fetch_pages
    type: tool
    tool: fetch_url
    description: Fetch every page, at most four at a time
    each: $inputs.urls
    concurrency: 4
    delay: 200ms
    timeout: 15s
    retry: { max: 2, delay: 500ms, backoff: 2 }
    on_error: ignore
    inputs:
      url: { type: string, value: $item }
    outputs:
      url: { type: string, value: $item }
      status: { type: int, value: $result.status }
      title: { type: string, nullable: true, value: $result.title }
      text: { type: string, nullable: true, value: $result.text }
  - id: fetched
    type: transform
    operation: filter
    where: $item != null && $item.status == 200
    inputs:
      items: { type: array, value: $steps.fetch_pages.output }
    outputs:
      items: { type: array }
  - id: matching
    type: transform
    operation: filter
    where: $item.text contains $inputs.keyword
    inputs:
      items: { type: array, value: $steps.fetched.output.items }
    outputs:
      items: { type: array }
  - id: report
    type: transform
    operation: map
    expression:
      url: $item.url
      title: $item.title ?? "(untitled)"
    inputs:
      items: { type: array, value: $steps.matching.output.items }
    outputs:
      items: { type: array }
\`\`\`

## Worked example 3: conditional branching

Route a support ticket: page the on-call engineer for urgent or security tickets, queue the rest,
and do nothing for closed ones.

\`\`\`workflow
inputs:
  ticket_id: { type: string }
  oncall_channel: { type: string, default: "#oncall" }
outputs:
  route: { type: string, value: $steps.route.output.route }
  ticket: { type: object, value: $steps.load.output.ticket }
steps:
  - id: load
    type: tool
    tool: get_ticket
    inputs:
      id: { type: string, value: $inputs.ticket_id }
    outputs:
      ticket: { type: object, value: $result }
      status: { type: string, value: $result.status }
      priority: { type: string, value: $result.priority }
      tags: { type: array, value: $result.tags }
  - id: already_closed
    type: exit
    condition: $steps.load.output.status == "closed"
    status: success
    output:
      route: none
      ticket: $steps.load.output.ticket
  - id: route
    type: conditional
    condition: $steps.load.output.priority == "urgent" || $steps.load.output.tags contains "security"
    then: [page_oncall]
    else: [queue_ticket]
  - id: page_oncall
    type: tool
    tool: send_message
    retry: { max: 3, delay: 2s, backoff: 2 }
    inputs:
      channel: { type: string, value: $inputs.oncall_channel }
      text: { type: string, value: "Urgent ticket \${inputs.ticket_id}: \${steps.load.output.ticket.title}" }
    outputs:
      route: { type: string, value: paged }
  - id: queue_ticket
    type: tool
    tool: add_to_queue
    inputs:
      ticket_id: { type: string, value: $inputs.ticket_id }
      queue: { type: string, value: standard }
    outputs:
      route: { type: string, value: queued }
\`\`\`

## Checklist before you hand the workflow over

- Every tool name is one the host really has; every argument name matches the tool.
- Every \`$inputs.<name>\` is declared; required inputs have no \`default\`; optional ones have a
  \`default\` or \`nullable: true\`.
- Every step output that reads a field the tool may omit is \`nullable: true\`.
- Lists are tested with \`.length\`, possibly-missing values with \`??\`.
- Expressions starting with \`!\` or a quote are quoted for YAML.
- \`each\` steps are followed by a null filter when they use \`on_error: ignore\`.
- Workflow outputs and exit outputs use the same names, so early returns fill the same fields.
- Steps that act after an \`approval\` are guarded on its \`output.approved\`.
- If the host offers a validator, run it and fix every reported problem before finishing.
`;
