package blevebench

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/abadojack/whatlanggo"
	"github.com/pemistahl/lingua-go"

	"factline/facts/match"
)

// TestLanguageDetectors compares accuracy and speed on the languages of the myth query set
// (short chat messages, the matcher's real input). A detector may answer "" (unsure); that
// counts as neither right nor wrong but is reported.
func TestLanguageDetectors(t *testing.T) {
	f, err := os.Open("../../testdata/myths-queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type line struct{ Text, Lang string }
	var lines []line
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}

	t0 := time.Now()
	lg := lingua.NewLanguageDetectorBuilder().
		FromLanguages(lingua.English, lingua.French, lingua.Spanish).
		WithPreloadedLanguageModels().Build()
	linguaInit := time.Since(t0)
	wlOpts := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
		whatlanggo.Eng: true, whatlanggo.Fra: true, whatlanggo.Spa: true}}

	detectors := []struct {
		name   string
		detect func(string) string
	}{
		{"factline", match.DetectLanguage},
		{"whatlanggo", func(s string) string {
			switch whatlanggo.DetectWithOptions(s, wlOpts).Lang {
			case whatlanggo.Eng:
				return "en"
			case whatlanggo.Fra:
				return "fr"
			case whatlanggo.Spa:
				return "es"
			}
			return ""
		}},
		{"lingua", func(s string) string {
			l, ok := lg.DetectLanguageOf(s)
			if !ok {
				return ""
			}
			switch l {
			case lingua.English:
				return "en"
			case lingua.French:
				return "fr"
			case lingua.Spanish:
				return "es"
			}
			return ""
		}},
	}
	for _, d := range detectors {
		right, unsure := 0, 0
		t0 := time.Now()
		for _, l := range lines {
			switch got := d.detect(l.Text); got {
			case l.Lang:
				right++
			case "":
				unsure++
			}
		}
		per := time.Since(t0) / time.Duration(len(lines))
		t.Logf("%-10s right %d/%d, unsure %d, wrong %d, %v per text", d.name, right, len(lines), unsure, len(lines)-right-unsure, per)
	}
	t.Logf("lingua model load (en, fr, es): %v", linguaInit)
}
