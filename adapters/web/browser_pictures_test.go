package web

import (
	"encoding/base64"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"factline/adapters/internal/picturetest"
	"factline/bot"
)

// TestBrowserPicture uploads a generated meme, as a volunteer would, without the script (the
// form posts a whole page), with it (the answer comes in place), and pasted from the clipboard;
// each time the real reader reads it and the page shows the sourced answer and the text read.
func TestBrowserPicture(t *testing.T) {
	reader := picturetest.Reader(t)
	meme := picturetest.Meme(t, pensionMeme)
	file := filepath.Join(t.TempDir(), "meme.png")
	must(t, os.WriteFile(file, meme, 0o600), "write the meme")
	for _, how := range []string{"upload without script", "upload with script", "paste"} {
		t.Run(how, func(t *testing.T) {
			ctx := newBrowser(t, 1000, 1400)
			f := newFixture(t, fixtureOptions{pictures: reader})
			ts := httptest.NewServer(f.srv.Handler())
			defer ts.Close()
			want, err := f.bot.Explain(t.Context(), "refugee-pension-hoax", bot.Request{Lang: "en"})
			must(t, err, "explain refugee-pension-hoax")
			script := how != "upload without script"
			must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")), "open a tab")
			_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
			})
			must(t, err, "watch for CSP violations")
			if !script {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				must(t, err, "turn scripts off")
			}
			must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.ID("image"))), "load the page")
			switch how {
			case "upload without script":
				must(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("image"), []string{file})), "choose the meme")
				_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("button.primary"))))
				must(t, err, "post the form")
			case "upload with script":
				must(t, chromedp.Do(ctx,
					chromedp.Evaluate[chromedp.Void](`window.__kept = 42`),
					chromedp.SetUploadFiles(chromedp.ID("image"), []string{file}),
					chromedp.Click(chromedp.CSS("button.primary")),
				), "upload the meme")
			case "paste":
				// What the browser hands the page when a picture copied elsewhere is pasted into it.
				must(t, chromedp.Do(ctx,
					chromedp.Evaluate[chromedp.Void](`window.__kept = 42`),
					chromedp.Focus(chromedp.ID("text")),
					chromedp.Evaluate[chromedp.Void](`(() => {
						const bytes = Uint8Array.from(atob('`+base64.StdEncoding.EncodeToString(meme)+`'), c => c.charCodeAt(0));
						const data = new DataTransfer();
						data.items.add(new File([bytes], 'image.png', {type: 'image/png'}));
						document.getElementById('text').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
					})()`),
				), "paste the meme")
			}
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result article.answer"))), "wait for the answer")
			claim, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
			must(t, err, "read the claim recognised")
			if claim != want.Match.Claim {
				t.Errorf("claim recognised %q, want %q", claim, want.Match.Claim)
			}
			read, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result .read q")))
			must(t, err, "read the text read")
			if !strings.Contains(strings.ToUpper(read), "SENIORS") {
				t.Errorf("the page shows %q as the text read", read)
			}
			links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#result .sources a').length`))
			must(t, err, "count the sources")
			if links != len(want.Sources) || links == 0 {
				t.Errorf("%d sources shown, want %d", links, len(want.Sources))
			}
			if script {
				kept, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__kept || 0`))
				must(t, err, "read the marker")
				if kept != 42 {
					t.Error("the page reloaded to show the answer")
				}
				violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__violations`))
				must(t, err, "read the violations")
				if len(violations) != 0 {
					t.Errorf("CSP violations: %v", violations)
				}
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			must(t, err, "screenshot")
			saveScreenshot(t, "picture-"+strings.ReplaceAll(how, " ", "-")+".png", shot)
		})
	}
}

// TestBrowserPictureAndText: a volunteer types a claim and also chooses a picture that holds no
// text to check (a photo); with the script or without, the page shows the hint that says which
// is read, and answers the typed claim rather than refusing the picture.
func TestBrowserPictureAndText(t *testing.T) {
	file := filepath.Join(t.TempDir(), "photo.png")
	must(t, os.WriteFile(file, []byte("a photo of a bus"), 0o600), "write the photo")
	for _, script := range []bool{true, false} {
		t.Run(map[bool]string{true: "with script", false: "without script"}[script], func(t *testing.T) {
			ctx := newBrowser(t, 1000, 1400)
			f := newFixture(t, fixtureOptions{pictures: fixedReader{text: "ok"}})
			ts := httptest.NewServer(f.srv.Handler())
			defer ts.Close()
			want, err := f.bot.Explain(t.Context(), "jobs", bot.Request{Lang: "en"})
			must(t, err, "explain jobs")
			must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank")), "open a tab")
			if !script {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				must(t, err, "turn scripts off")
			}
			must(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.ID("both-hint"))), "load the page")
			hint, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("both-hint")))
			must(t, err, "read the hint")
			if !strings.Contains(hint, "the picture is read") {
				t.Errorf("the hint next to the fields says %q", hint)
			}
			must(t, chromedp.Do(ctx,
				chromedp.SendKeys(chromedp.ID("text"), "immigrants take our jobs"),
				chromedp.SetUploadFiles(chromedp.ID("image"), []string{file}),
			), "type the claim and choose the photo")
			if script {
				must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button.primary"))), "ask")
			} else {
				_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS("button.primary"))))
				must(t, err, "post the form")
			}
			must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#result article.answer"))), "wait for the answer")
			claim, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#result h2 .claim")))
			must(t, err, "read the claim recognised")
			if claim != want.Match.Claim {
				t.Errorf("claim recognised %q, want the typed claim's %q", claim, want.Match.Claim)
			}
		})
	}
}
