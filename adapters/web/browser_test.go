package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"factline/bot"
)

// outputDir holds what the browser tests save for people to look at (git ignores it).
const outputDir = "testdata/output"

// newBrowser starts a headless Chromium for one test, or skips the test when there is none.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("no chromium binary found: install the Debian package chromium to run the browser tests")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}

func must(t *testing.T, err error, doing string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", doing, err)
	}
}

func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	must(t, os.MkdirAll(outputDir, 0o755), "make the output folder")
	must(t, os.WriteFile(filepath.Join(outputDir, name), png, 0o644), "save the screenshot")
	t.Logf("screenshot: %s", filepath.Join("adapters/web", outputDir, name))
}

// TestBrowserAnswerCopyAndLanguage is what a volunteer does: paste a claim, read the answer and its
// sources, copy the post, then ask for the answer in French, and say it helped.
func TestBrowserAnswerCopyAndLanguage(t *testing.T) {
	ctx := newBrowser(t, 1000, 1500)
	f := newFixture(t, fixtureOptions{store: true})
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	want, err := f.bot.Explain(t.Context(), "housing", bot.Request{Lang: "en"})
	must(t, err, "explain housing")
	wantFR, err := f.bot.Explain(t.Context(), "housing", bot.Request{Lang: "fr"})
	must(t, err, "explain housing in French")

	must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")), "load the page")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted, Origin: ts.URL,
		})
		must(t, err, "grant "+name)
	}
	_, err = chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	must(t, err, "emulate focus, which the clipboard needs")

	// A marker that a page reload would wipe out: the answer must come without one.
	must(t, chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.Evaluate[chromedp.Void](`window.__kept = 42`),
		chromedp.SendKeys(chromedp.ID("text"), housingClaim),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#result article.answer")),
	), "submit the claim")
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__kept || 0`))
	must(t, err, "read the marker")
	if kept != 42 {
		t.Error("the page reloaded to show the answer")
	}
	claim, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
	must(t, err, "read the claim recognised")
	if claim != want.Match.Claim {
		t.Errorf("claim recognised %q, want %q", claim, want.Match.Claim)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#result .sources a')].map(a => a.href)`))
	must(t, err, "read the sources")
	if len(links) != len(want.Sources) {
		t.Fatalf("%d sources shown, want %d", len(links), len(want.Sources))
	}
	for i, s := range want.Sources {
		if links[i] != s.URL {
			t.Errorf("source %d links %s, want %s", i+1, links[i], s.URL)
		}
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(t, err, "screenshot")
	saveScreenshot(t, "answer.png", shot)

	// Copy the post for X or Bluesky, and read the system clipboard back.
	must(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[data-copy="v-post"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[data-copy="v-post"][data-copied]`)),
	), "click copy")
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	must(t, err, "read the clipboard")
	if copied != want.Post() {
		t.Errorf("clipboard holds %q, want the post %q", copied, want.Post())
	}
	label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`button[data-copy="v-post"]`)))
	must(t, err, "read the copy button")
	if label != "Copied" {
		t.Errorf("copy button says %q after copying", label)
	}

	// Switch the language: the same text is answered again, in French, still without a reload.
	must(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("lang"), "fr"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('lang').dispatchEvent(new Event('change', {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS(`#result h2 .claim[lang="fr"]`)),
	), "switch to French")
	claimFR, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
	must(t, err, "read the French claim")
	if claimFR != wantFR.Match.Claim {
		t.Errorf("French claim %q, want %q", claimFR, wantFR.Match.Claim)
	}
	full, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("v-full")))
	must(t, err, "read the French full answer")
	if full != wantFR.Full() {
		t.Errorf("French full answer differs:\n got %q\nwant %q", full, wantFR.Full())
	}

	// Feedback replaces the buttons with thanks, and reaches the bot's store.
	must(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#feedback button[value="yes"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#feedback .thanks`)),
	), "send feedback")
	if got := f.feedback(t); len(got) != 1 || got["housing helpful"] != 1 {
		t.Errorf("feedback stored: %v", got)
	}
	kept, err = chromedp.Run(ctx, chromedp.Evaluate[int](`window.__kept || 0`))
	must(t, err, "read the marker")
	if kept != 42 {
		t.Error("the page reloaded during the language switch or the feedback")
	}
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "full screenshot")
	saveScreenshot(t, "answer-fr-full.png", shot)
}

// TestBrowserWithoutJavaScript posts the form as a browser with scripts off does.
func TestBrowserWithoutJavaScript(t *testing.T) {
	ctx := newBrowser(t, 800, 900)
	f := newFixture(t, fixtureOptions{})
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)), "open a phone-sized tab")
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	must(t, err, "turn scripts off")
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SendKeys(chromedp.ID("text"), "what a lovely day for a picnic by the lake"),
	), "fill the form")
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("button.primary"))))
	must(t, err, "post the form")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result .abstain"))), "wait for the honest message")
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2")))
	must(t, err, "read the message")
	if heading != "No confident answer" {
		t.Errorf("heading %q", heading)
	}
	// Pick a topic offered: another full page, with the answer and the copy buttons still hidden.
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`#result form.choice input[value="housing"] ~ button`))))
	must(t, err, "choose a topic")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("v-post"))), "wait for the answer")
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector('button[data-copy]').hidden`))
	must(t, err, "inspect the copy button")
	if visible {
		t.Error("a copy button shows though it cannot work without scripts")
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	must(t, err, "measure the page")
	if width > 390 {
		t.Errorf("the page is %d px wide on a 390 px phone: it scrolls sideways", width)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "screenshot")
	saveScreenshot(t, "nojs-phone.png", shot)

	// Under a sure answer, "Not this? Try:" offers the alternatives: one is chosen, still
	// without scripts, and the question is kept under it for the curator.
	want := withAlternatives(t)
	fa := newFixture(t, fixtureOptions{store: true, offers: true, policy: alternativesPolicy()})
	tsa := httptest.NewServer(fa.srv.Handler())
	defer tsa.Close()
	must(t, chromedp.Do(ctx, chromedp.Navigate(tsa.URL+"/?lang=en"), chromedp.SendKeys(chromedp.ID("text"), housingClaim)), "fill the form again")
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("button.primary"))))
	must(t, err, "post the claim")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result .alts"))), "wait for the alternatives")
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("#result .alts li:first-child button"))))
	must(t, err, "choose the first alternative")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("v-post"))), "wait for its answer")
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
	must(t, err, "read the claim answered")
	first, kept := want.Alternatives[0], fa.pairs(t)
	if got != first.Claim || !slices.Equal(kept, []string{first.ID + " en: " + housingClaim}) {
		t.Errorf("answered %q, kept %q; want %s's answer and the question kept under it", got, kept, first.ID)
	}
}

// TestBrowserPermalinkCSP loads a permalink under the real Content-Security-Policy: the script runs,
// the ClaimReview JSON-LD is readable and reports no violation, and an inline script is refused.
func TestBrowserPermalinkCSP(t *testing.T) {
	ctx := newBrowser(t, 1000, 1200)
	f := newFixture(t, fixtureOptions{})
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")), "open a tab")
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
	})
	must(t, err, "watch for CSP violations")
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/myths/housing?lang=es"),
		chromedp.WaitVisible(chromedp.CSS(`button[data-copy="v-full"]`)), // revealed by app.js: the script ran
	), "load the permalink")
	ld, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)`))
	must(t, err, "read the JSON-LD")
	if ld["@type"] != "ClaimReview" || ld["inLanguage"] != "es" {
		t.Errorf("JSON-LD %v", ld)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__violations`))
	must(t, err, "read the violations")
	if len(violations) != 0 {
		t.Errorf("CSP violations on the permalink: %v", violations)
	}
	directive, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		document.addEventListener('securitypolicyviolation', e => resolve(e.violatedDirective), {once: true});
		const s = document.createElement('script');
		s.textContent = 'window.__inline = 1';
		document.head.appendChild(s);
	})`, chromedp.EvalAwaitPromise))
	must(t, err, "try an inline script")
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__inline === 1`))
	must(t, err, "check the inline script")
	if ran || !strings.HasPrefix(directive, "script-src") {
		t.Errorf("an inline script was not refused by the CSP (ran %v, violation %q)", ran, directive)
	}
}

// TestBrowserChoosesASuggestion asks, with the script and without it, a claim the base answers
// only with suggestions, clicks the first one, and gets its answer; then None of these thanks.
func TestBrowserChoosesASuggestion(t *testing.T) {
	claim, want := suggestedClaim(t)
	for _, script := range []bool{true, false} {
		t.Run(map[bool]string{true: "with script", false: "without script"}[script], func(t *testing.T) {
			ctx := newBrowser(t, 1000, 1200)
			f := newFixture(t, fixtureOptions{store: true, offers: true})
			ts := httptest.NewServer(f.srv.Handler())
			defer ts.Close()
			must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")), "open a tab")
			if !script {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				must(t, err, "turn scripts off")
			}
			// click submits a form: in place with the script, by loading a page without it.
			click := func(sel, doing string) {
				t.Helper()
				if script {
					must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))), doing)
					return
				}
				_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
				must(t, err, doing)
			}
			must(t, chromedp.Do(ctx,
				chromedp.Navigate(ts.URL+"/?lang=en"),
				chromedp.WaitVisible(chromedp.ID("text")),
				chromedp.Evaluate[chromedp.Void](`window.__kept = 42`),
				chromedp.SendKeys(chromedp.ID("text"), claim),
			), "fill the form")
			click("button.primary", "submit the claim")
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result .suggest"))), "wait for the suggestions")
			heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2")))
			must(t, err, "read the heading")
			labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#result .suggestions button')].map(b => b.textContent)`))
			must(t, err, "read the suggestions")
			if heading != "Is it one of these?" || len(labels) != len(want.Suggestions) || labels[0] != want.Suggestions[0].Claim {
				t.Fatalf("heading %q, buttons %q, want the claims of %+v", heading, labels, want.Suggestions)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			must(t, err, "screenshot")
			saveScreenshot(t, "suggestions-"+map[bool]string{true: "js", false: "nojs"}[script]+".png", shot)

			click("#result .suggestions li:first-child button", "choose the first suggestion")
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result article.answer"))), "wait for the answer")
			got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
			must(t, err, "read the claim answered")
			if wantClaim := claimOfMyth(t, f, want.Suggestions[0].ID); got != wantClaim {
				t.Errorf("answered %q, want %q", got, wantClaim)
			}
			kept, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__kept || 0`))
			must(t, err, "read the marker")
			if script != (kept == 42) {
				t.Errorf("script %v, but the page reloaded = %v", script, kept != 42)
			}

			// Ask again, and decline.
			must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.ID("text")), chromedp.SendKeys(chromedp.ID("text"), claim)), "ask again")
			click("button.primary", "submit the claim again")
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result .suggest"))), "wait for the suggestions again")
			click("#result form.decline button", "decline")
			sel := "main"
			if script {
				sel = "#result .thanks"
			}
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel))), "wait for the thanks")
			thanks, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
			must(t, err, "read the thanks")
			if !strings.Contains(thanks, uiLabels["en"].DeclineThanks) {
				t.Errorf("after None of these: %q", thanks)
			}
			chosen, declined := f.kept(t)
			if chosen[want.Suggestions[0].ID] != 1 || declined != 1 {
				t.Errorf("kept %v chosen and %d declined, want the choice and the decline", chosen, declined)
			}
		})
	}
}

// TestBrowserExternalAnswer: a claim the base does not cover, answered by the live lookup (a fake
// API), shows in place as someone else's fact-check: the label, the claim reviewed as text, the
// link to the review, the texts to copy, and no feedback form.
func TestBrowserExternalAnswer(t *testing.T) {
	ctx := newBrowser(t, 1000, 1200)
	f, _ := withLookup(t)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	must(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/?lang=en"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), uncoveredClaim),
		chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#result article.external")),
	), "ask a claim the base does not cover")
	type seen struct {
		Label, Claim, Href, Post string
		Feedback, Copy           bool
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`({
		label: document.querySelector('#result .external h2').textContent,
		claim: document.querySelector('#result .external blockquote p').textContent,
		href: document.querySelector('#result .external .review a').href,
		post: document.querySelector('#v-post').value,
		feedback: !!document.querySelector('#result form.feedback'),
		copy: !document.querySelector('#result button.copy').hidden,
	})`))
	must(t, err, "read the answer")
	if got.Label != "Checked by AFP <i>Fact Check</i>, not by us" || !strings.HasSuffix(got.Claim, "<script>alert(1)</script>") ||
		got.Href != "https://factcheck.afp.com/lyon-cars?a=1&b=2" || !strings.HasSuffix(got.Post, "\n"+got.Href) || got.Feedback || !got.Copy {
		t.Errorf("saw %+v", got)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(t, err, "screenshot")
	saveScreenshot(t, "external.png", shot)
}
