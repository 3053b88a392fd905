package match

import "testing"

func TestDetectLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"immigrants are the reason rent is so high", "en"},
		{"they took our jobs and the government does nothing", "en"},
		{"les immigrants font exploser les loyers à Montréal", "fr"},
		{"c'est à cause de l'immigration qu'on trouve plus de logement", "fr"},
		{"los inmigrantes nos quitan el trabajo", "es"},
		{"¿Es verdad que los refugiados cobran más que los jubilados?", "es"},
		{"la inmigración aumenta la criminalidad", "es"},  // "la" is French too; the accent decides
		{"l'immigration fait baisser les salaires", "fr"}, // elision and the "-aux/-ait" endings
		{"", ""},
		{"12345 !!! 😡", ""},
		{"#StopImmigration", ""}, // hashtags say little about the writer's language
		{"\xff\xfe\xfd", ""},
	} {
		if got := DetectLanguage(c.text); got != c.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestDetectLanguageOnQuerySet checks the detector on the chat messages of the myth query set:
// it may be unsure (the matcher then lets the index decide) but must almost never be wrong.
func TestDetectLanguageOnQuerySet(t *testing.T) {
	qs := loadMythQueries(t, "all")
	right, unsure := 0, 0
	for _, q := range qs {
		switch DetectLanguage(q.Text) {
		case q.Lang:
			right++
		case "":
			unsure++
		default:
			t.Logf("wrong: %q (%s)", q.Text, q.Lang)
		}
	}
	wrong := len(qs) - right - unsure
	t.Logf("right %d, unsure %d, wrong %d of %d", right, unsure, wrong, len(qs))
	if wrong > len(qs)/100 || right < len(qs)*95/100 {
		t.Errorf("right %d, unsure %d, wrong %d of %d: want >= 95%% right, <= 1%% wrong", right, unsure, wrong, len(qs))
	}
}
