package reviews

import "testing"

func TestVerdict(t *testing.T) {
	tests := []struct {
		rating, want string
		known        bool
	}{
		{"False", False, true},
		{"FALSE.", False, true},
		{"Pants on Fire!", False, true},
		{"Faux", False, true},
		{"C'est faux", False, true},
		{"¡Falso!", False, true},
		{"Mostly False", MostlyFalse, true},
		{"Plutôt faux", MostlyFalse, true},
		{"Trompeur", Misleading, true},
		{"Engañoso", Misleading, true},
		{"ENGANOSO", Misleading, true},
		{"Sin contexto", Misleading, true},
		{"Missing context", Misleading, true},
		{"Mixture", Mixed, true},
		{"Half-True", Mixed, true},
		{"Verdad a medias", Mixed, true},
		{"Mitigé", Mixed, true},
		{"Cierto", True, true},
		{"Vrai", True, true},
		{"True", True, true},
		{"Satire", Other, true},
		// A rating that runs on is read by its first words.
		{"False: the photo is from 2015", False, true},
		{"Faux. Cette image date de 2019", False, true},
		{"True, but missing context", Mixed, true},
		{"Engañoso: la cifra es de 2010", Misleading, true},
		{"Vrai, mais incomplet", Mixed, true},
		{"Cierto, pero sin contexto", Mixed, true},
		{"Trompeur - la photo date de 2015", Misleading, true},
		// Only whole clauses count.
		{"Wrong date, real video", Other, false},
		{"Real photo, wrong place", Other, false},
		{"False flag theory", Other, false},
		// Unknown ratings are Other and not known.
		{"Frankly weird", Other, false},
		{"", Other, false},
		{"Falsetto", Other, false},
	}
	for _, tt := range tests {
		got, known := Classify(tt.rating)
		if got != tt.want || known != tt.known {
			t.Errorf("Classify(%q) = %q, %v; want %q, %v", tt.rating, got, known, tt.want, tt.known)
		}
		if v := Verdict(tt.rating); v != tt.want {
			t.Errorf("Verdict(%q) = %q, want %q", tt.rating, v, tt.want)
		}
	}
}

// TestRatingsFolded keeps the table's keys in the form foldRating gives, or they could never
// match, and its values among the verdicts.
func TestRatingsFolded(t *testing.T) {
	valid := map[string]bool{False: true, MostlyFalse: true, Misleading: true, Mixed: true, True: true, Other: true}
	for k, v := range ratings {
		if foldRating(k) != k {
			t.Errorf("key %q is not folded (%q)", k, foldRating(k))
		}
		if !valid[v] {
			t.Errorf("%q maps to %q, not a verdict", k, v)
		}
	}
}
