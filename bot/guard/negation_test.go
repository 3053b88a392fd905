package guard

import (
	"errors"
	"testing"

	"factline/facts/match"
)

func TestNegated(t *testing.T) {
	tests := map[string]bool{
		"Immigrants pay taxes.":                          false,
		"Immigrants don't pay taxes.":                    true,
		"Immigrants do not pay taxes.":                   true,
		"Les immigrants ne paient pas d'impôts.":         true,
		"Les immigrants n'ont jamais payé d'impôts.":     true,
		"Los inmigrantes no pagan impuestos.":            true,
		"Los inmigrantes pagan impuestos.":               false,
		"Notable studies agree; the nothingness debate.": false, // words that begin like markers
	}
	for s, want := range tests {
		if got := negated(s); got != want {
			t.Errorf("negated(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNoNegationFlip(t *testing.T) {
	claims := []Said{
		{Text: "Immigrants don't pay taxes and are a drain on welfare.", Lang: "en"},
		{Text: "Les immigrants ne paient pas d'impôts et vivent de l'aide sociale.", Lang: "fr"},
	}
	var docs []match.Document
	for i, c := range claims {
		docs = append(docs, match.Document{ID: string(rune('a' + i)), Texts: []match.Text{{Kind: match.KindClaim, Lang: c.Lang, Text: c.Text}}})
	}
	docs = append(docs, match.Document{ID: "jobs", Texts: []match.Text{{Kind: match.KindClaim, Lang: "en", Text: "Immigrants take our jobs."}}})
	ix, err := match.Build(docs, match.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := Myth{Claims: claims, Analyze: ix.Terms}
	const curated = "Immigrants pay taxes. Estimates of their net balance vary, and a deficit comes mostly from lower taxes, not benefits."
	tests := []struct {
		name, output, lang, evidence string
		refused                      bool
	}{
		{"faithful", "Immigrants pay taxes; estimates of their net balance vary.", "en", curated, false},
		{"negation added to the answer's own sentence", "Immigrants don't pay taxes. Estimates of their net balance vary.", "en", curated, true},
		{"the same in French", "Les immigrants ne paient pas d'impôts et coûtent cher à l'aide sociale.", "fr", curated, true},
		{"a negation elsewhere", "Immigrants pay taxes. A deficit does not come from benefits.", "en", curated, false},
		{"the answer names the claim itself", "Immigrants don't pay taxes, some say. They do.", "en",
			"Some say immigrants don't pay taxes. They do.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NoNegationFlip(tt.output, tt.lang, tt.evidence, "en", m)
			var v *Violation
			if refused := errors.As(err, &v) && v.Reason == ReasonNegation; refused != tt.refused {
				t.Errorf("NoNegationFlip = %v, want refused %v", err, tt.refused)
			}
		})
	}
	if err := NoNegationFlip("Immigrants don't pay taxes.", "en", curated, "en", Myth{}); err != nil {
		t.Errorf("a zero Myth refused: %v", err)
	}
}
