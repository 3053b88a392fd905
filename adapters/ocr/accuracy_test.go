package ocr_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"factline/adapters/ocr"
	"factline/bot"
	"factline/facts"
	"factline/facts/match"
)

// needTesseract skips a test that reads pictures when Tesseract is not installed here.
func needTesseract(t testing.TB) *ocr.Reader {
	t.Helper()
	r := ocr.New(ocr.Options{})
	st, err := r.Probe(context.Background())
	if err != nil {
		t.Skipf("Tesseract is not usable here, so pictures cannot be read (apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-spa): %v", err)
	}
	if len(st.Missing) > 0 {
		t.Skipf("Tesseract lacks the languages %v (apt-get install tesseract-ocr-fra tesseract-ocr-spa)", st.Missing)
	}
	return r
}

var (
	indexOnce sync.Once
	index     *facts.Index
	indexErr  error
)

// newBot returns a bot over the built-in fact base that reads pictures with r.
func newBot(t testing.TB, r bot.PictureReader) *bot.Bot {
	t.Helper()
	indexOnce.Do(func() {
		var base *facts.Base
		if base, indexErr = facts.Load(facts.Builtin()); indexErr == nil {
			index, indexErr = facts.NewIndex(base, match.DefaultOptions())
		}
	})
	if indexErr != nil {
		t.Fatal(indexErr)
	}
	return bot.New(bot.Options{Matcher: index, Pictures: r})
}

// answered returns the myth a bot answered with, "" when it did not answer (suggestions and
// abstentions are not answers).
func answered(a bot.Answer) string {
	if (a.Outcome == bot.Matched || a.Outcome == bot.Ambiguous) && a.Match != nil {
		return a.Match.ID
	}
	return ""
}

// TestMemeEndToEnd is the always-on check: a meme in French, read and answered with its myth.
func TestMemeEndToEnd(t *testing.T) {
	r := needTesseract(t)
	b := newBot(t, r)
	pic := encodeJPEG(t, meme(t, "Les réfugiés touchent plus d'argent que nos retraités. Partagez si vous êtes d'accord", 7), 85)
	a, err := b.Ask(context.Background(), bot.Request{Picture: pic, Surface: bot.SurfaceCLI})
	if err != nil {
		t.Fatal(err)
	}
	if got := answered(a); got != "refugee-pension-hoax" {
		t.Fatalf("answered %q (outcome %s), want refugee-pension-hoax; read %q", got, a.Outcome, a.Input.Text)
	}
	if a.Input == nil || a.Input.Kind != bot.InputImage || a.Input.Text == "" {
		t.Fatalf("input = %+v, want the image's text", a.Input)
	}
}

// TestPictureAccuracy measures the target on the generated set: the claims drawn as
// pictures are answered with the right myth within 5 points of the same claims typed, and no
// picture without a claim is answered. It reads 66 pictures (about 40 s on 2 cores), so it
// does not run with -short or under the race detector, which would only slow Tesseract's
// neighbours down.
func TestPictureAccuracy(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("the accuracy measure reads 66 pictures: run it without -short and -race")
	}
	needTesseract(t)
	// A measure of accuracy, not of speed: a busy machine may make a reading slow, never wrong.
	b := newBot(t, ocr.New(ocr.Options{Timeout: 2 * time.Minute}))
	claims, plain := claimPictures(t), plainPictures(t)
	if n := len(claims) + len(plain); n < 60 {
		t.Fatalf("only %d pictures: the measure needs at least 60", n)
	}
	all := append(slices.Clone(claims), plain...)
	answers := make([]bot.Answer, len(all))
	errs := make([]error, len(all))
	var wg sync.WaitGroup
	work := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range work {
				answers[i], errs[i] = b.Ask(context.Background(), bot.Request{Picture: all[i].data, Surface: bot.SurfaceCLI})
			}
		})
	}
	for i := range all {
		work <- i
	}
	close(work)
	wg.Wait()

	var textRight, picRight int
	byKind := map[string][2]int{}
	for i, p := range claims {
		ta, err := b.Ask(context.Background(), bot.Request{Text: p.text, Surface: bot.SurfaceCLI})
		if err != nil {
			t.Fatalf("%s typed: %v", p.name, err)
		}
		textOK := answered(ta) == p.myth
		if textOK {
			textRight++
		}
		k := byKind[p.kind]
		k[1]++
		picOK := errs[i] == nil && answered(answers[i]) == p.myth
		if picOK {
			picRight++
			k[0]++
		}
		byKind[p.kind] = k
		if !picOK {
			read := ""
			if errs[i] == nil {
				read = answers[i].Input.Text
			}
			t.Logf("missed %s (typed: %v): answered %q, err %v, read %q", p.name, textOK, answered(answers[i]), errs[i], read)
		}
	}
	falseAnswers := 0
	for i, p := range plain {
		j := len(claims) + i
		if errs[j] != nil {
			var be *bot.Error
			if !errors.As(errs[j], &be) || be.Code != bot.CodeNoText {
				t.Errorf("%s: %v, want an answer or no_text", p.name, errs[j])
			}
			continue
		}
		if got := answered(answers[j]); got != "" {
			falseAnswers++
			t.Errorf("%s has no claim but was answered with %s; read %q", p.name, got, answers[j].Input.Text)
		}
	}
	textAcc := 100 * float64(textRight) / float64(len(claims))
	picAcc := 100 * float64(picRight) / float64(len(claims))
	t.Logf("top-1 on %d claims: typed %.1f%% (%d), pictures %.1f%% (%d); by kind %v; %d pictures without a claim, %d answered",
		len(claims), textAcc, textRight, picAcc, picRight, byKind, len(plain), falseAnswers)
	if picAcc < textAcc-5 {
		t.Errorf("pictures %.1f%% are more than 5 points below typed text %.1f%%", picAcc, textAcc)
	}
}
