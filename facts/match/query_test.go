package match

import "testing"

func TestAsksForHelp(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"how do I renew my work permit?", true},
		{"crime is going up here, any tips?", true},
		{"quelqu'un connaît un avocat en immigration?", true},
		{"¿alguien sabe de un abogado barato?", true},
		{"¿Dónde saco la tarjeta de salud?", true},
		{"combien d'immigrants arrivent chaque année au Québec?", true},
		{"¿cuántos permisos de estudio dieron en 2024?", true},
		{"se me vence el permiso, ¿qué hago?", true},
		{"my visa ends in May, what should I do?", true},
		{"is it true immigrants take our jobs?", false},
		{"why are we letting so many people in", false},
		{"immigrants are the reason rent is so high", false},
		{"", false},
	} {
		if got := readCues(tokensOf(c.text), "").help; got != c.want {
			t.Errorf("readCues(%q).help = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestAnnouncesEvent(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"free tax clinic for newcomers on Saturday", true},
		{"la manif est à 17h devant l'hôtel de ville", true},
		{"the rally is at 5 pm", true},
		{"la feria es el viernes", true},
		{"the PM begged for a million immigrants", false},
		{"immigrants take 5 jobs each", false},
	} {
		if got := readCues(tokensOf(c.text), "").event; got != c.want {
			t.Errorf("readCues(%q).event = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestParseQuery checks how a query's words become query terms: synonyms are tied to the word
// that evoked them, unknown words still count in the query's length, and a tweet's footer is
// split off.
func TestParseQuery(t *testing.T) {
	ix, err := Build(tinyDocs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := ix.getScratch()
	pq := ix.parseQuery("immigrants raise the rent zzzzqq — Jane Doe (@jdoe) March 3, 2020", "en", s)
	pq.unmark(s)
	roles := map[string]qterm{}
	for _, qt := range pq.terms {
		roles[ix.terms[qt.id]] = qt
	}
	if roles["immigr"].role != roleWord || roles["rent"].role != roleWord {
		t.Errorf("words missing: %v", roles)
	}
	housing, ok := roles["~housing"]
	if !ok || housing.role != roleConcept || housing.partner < 0 || ix.terms[pq.terms[housing.partner].id] != "rent" {
		t.Errorf("~housing should be a concept tied to rent: %+v", housing)
	}
	if pq.nWords != 4 || pq.nDistinct != 4 { // immigr, rais, rent, and the unknown zzzzqq
		t.Errorf("nWords %d, nDistinct %d; want 4 and 4", pq.nWords, pq.nDistinct)
	}
	if _, ok := roles["jane"]; ok {
		t.Error("footer words must not be read as the body")
	}
	pq = ix.parseQuery("alquiler", "es", s) // no Spanish text in tinyDocs: the concept stands alone
	if len(pq.terms) != 1 || !pq.terms[0].orphan {
		t.Errorf("alquiler: got %+v, want one orphan concept", pq.terms)
	}
}

// TestFuzzyWordEvokesConcept checks that a misspelled word found by fuzzy matching evokes the
// concept of the word it stands for, as the word itself would.
func TestFuzzyWordEvokesConcept(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	pq := ix.parseQuery("refugges and imigrants", "en", s)
	defer pq.unmark(s)
	found := map[string]bool{}
	for _, tm := range pq.terms {
		if tm.role == roleConcept && tm.partner >= 0 {
			found[ix.terms[tm.id]] = true
		}
	}
	for _, c := range []string{"~refugee", "~immigrant"} {
		if !found[c] {
			t.Errorf("parseQuery(refugges and imigrants): no %s concept partnered with its word; concepts %v", c, found)
		}
	}
}

func TestPointsAtGroup(t *testing.T) {
	for _, c := range []struct {
		text, lang string
		want       bool
	}{
		{"they're flooding the hospitals", "en", true},
		{"ils nous volent nos jobs", "fr", true},
		{"nos están quitando las casas", "es", true},
		{"viven de las ayudas", "es", true},
		{"the minimum wage goes up in october", "en", false},
		{"ma mère attend son chèque de pension", "fr", false},
		{"mi abuela necesita ayuda con su pensión", "es", false},
	} {
		if got := readCues(tokensOf(c.text), c.lang).group; got != c.want {
			t.Errorf("readCues(%q, %s).group = %v, want %v", c.text, c.lang, got, c.want)
		}
	}
}

// TestQueryCues checks the query-level cues the re-ranker weighs, read as the myths index reads
// a question (with its concepts and misspellings).
func TestQueryCues(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	type cues struct{ group, personal, dated, us, sweep, question, practical bool }
	for _, c := range []struct {
		text string
		want cues
	}{
		// A word sharing its stem with a group word must not name a group: "llegó" is not
		// "llegados", "arrive" is not "arrivals".
		{"me llegó un aviso de aumento de renta", cues{personal: true}},
		{"the bus arrived late again", cues{}},
		{"le bus arrive encore en retard", cues{}},
		// A misspelled group word still names the group.
		{"imigrants r taking all the joobs", cues{group: true, sweep: true}},
		{"my work permit expires in October, how to extend?", cues{personal: true, dated: true, question: true, practical: true}},
		{"la clinique ferme le mois prochain", cues{dated: true}},
		{"they took our jobs", cues{group: true, us: true}},
		{"nos quitan el trabajo", cues{group: true, us: true}},
		// A question that answers itself or speaks for us is rhetorical, not practical.
		{"who checks that people with expired permits leave? nobody", cues{sweep: true, practical: false}},
		{"who says we need immigration?", cues{group: true, us: true, question: true}},
		{"how do I renew my permit?", cues{personal: true, question: true, practical: true}},
		{"how are families supposed to find a doctor with a million newcomers?", cues{group: true, question: true}},
		{"comment veux-tu payer l'épicerie avec les salaires qui baissent?", cues{question: true}},
		{"can refugee claimants get a work permit?!", cues{group: true, question: true}},
	} {
		s := ix.getScratch()
		pq := ix.parseQuery(c.text, DetectLanguage(c.text), s)
		pq.unmark(s)
		ix.scratch.Put(s)
		got := cues{pq.group, pq.personal, pq.dated, pq.us, pq.sweep, pq.question, pq.practical}
		if got != c.want {
			t.Errorf("%q: cues %+v, want %+v", c.text, got, c.want)
		}
	}
}

// TestFuzzyMatchPrefersTheQueryLanguage: a misspelling stands for a word of its own language
// first; another language's stem is a stand-in only for longer words.
func TestFuzzyMatchPrefersTheQueryLanguage(t *testing.T) {
	ix, err := Build(loadMythDocs(t), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// "salut" is one letter from the Spanish "saltan" (stem "salt") and from the French "saute"
	// (stem "saut"): in a French question, the French one.
	if id, ok := ix.fuzzyMatch("salut", "fr"); ok && ix.termLangs[id]&langBit("fr") == 0 {
		t.Errorf("fuzzyMatch(salut, fr) = %q, a stem of no French text", ix.terms[id])
	}
	for _, c := range []struct{ stem, lang, want string }{
		{"crimnal", "en", "criminal"}, // no English stem is near; the Spanish "criminal" is
		{"imigr", "en", "immigr"},
	} {
		got := ""
		if id, ok := ix.fuzzyMatch(c.stem, c.lang); ok {
			got = ix.terms[id]
		}
		if got != c.want {
			t.Errorf("fuzzyMatch(%q, %s) = %q, want %q", c.stem, c.lang, got, c.want)
		}
	}
}
