package guard

import (
	"strings"
	"testing"

	"factline/facts/match"
)

func TestVocabularyFileParses(t *testing.T) {
	groups := map[string]bool{}
	for _, es := range vocabulary {
		for _, e := range es {
			groups[e.group] = true
		}
	}
	for _, e := range vocabPrefixes {
		groups[e.group] = true
		if len(e.words[len(e.words)-1]) < 5 {
			t.Errorf("prefix %q of %s is too short: it would catch ordinary words", e.words, e.group)
		}
	}
	if len(groups) < 15 {
		t.Errorf("%d groups, want the whole list", len(groups))
	}
	for _, neutral := range []string{"immigrant", "immigrants", "migrant", "refugee", "refugies", "undocumented", "sans papiers", "indocumentados", "newcomers", "rate", "rates", "criminal"} {
		if err := Dehumanising(neutral, ""); err != nil {
			t.Errorf("the neutral word %q is refused: %v", neutral, err)
		}
	}
}

func TestDehumanising(t *testing.T) {
	const rebuttal = "Undocumented immigrants are not \"illegals\": most entered lawfully."
	tests := []struct {
		name, output, reviewed string
		want                   string
	}{
		{"english slur", "These illegals are invaders and vermin who bring crime.", "", ReasonDehumanising},
		{"plural made from the list", "They are parasites.", "", ReasonDehumanising},
		{"prefix", "Newcomers infested the cities.", "", ReasonDehumanising},
		{"french with accents", "Ces envahisseurs et cette vermine.", "", ReasonDehumanising},
		{"french without accents", "Des sous-hommes, des betes.", "", ReasonDehumanising},
		{"spanish", "Son alimañas y cucarachas.", "", ReasonDehumanising},
		{"spanish without tilde", "Son alimanas.", "", ReasonDehumanising},
		{"several words", "Stop the great replacement.", "", ReasonDehumanising},
		{"leetspeak", "These v3rm1n take our jobs.", "", ReasonDehumanising},
		{"zero-width space", "These ver\u200bmin take our jobs.", "", ReasonDehumanising},
		{"soft hyphen", "These ver\u00admin take our jobs.", "", ReasonDehumanising},
		{"cyrillic look-alike", "Son inv\u0430sores.", "", ReasonDehumanising},
		{"full-width", "ｖｅｒｍｉｎ", "", ReasonDehumanising},
		{"upper case", "INVADERS!", "", ReasonDehumanising},
		{"word the rebuttal quotes", "They are not illegals: most came in lawfully.", rebuttal, ""},
		{"translated from the rebuttal", "No son ilegales: la mayoría entró legalmente.", rebuttal, ""},
		{"another group than the rebuttal's", "They are not illegals or invaders.", rebuttal, ReasonDehumanising},
		{"ordinary words", "Crime rates fell; research rates the effect as small. Ratings differ.", "", ""},
		{"word inside another", "Parasitology and ratification.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(t, Dehumanising(tt.output, tt.reviewed)); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoNewContent(t *testing.T) {
	const curated = "Canadian research doesn't support this. Statistics Canada data for Toronto and Montreal show " +
		"US-born citizens were over twice as likely to be arrested. The OECD agrees."
	const french = "Selon l'OCDE et le Conference Board du Canada, la plupart des études..."
	tests := []struct {
		name, output string
		want         string
	}{
		{"faithful", "Research in Canada does not support this: Statistics Canada data for Toronto show US-born citizens were over twice as likely to be arrested.", ""},
		{"new place", "Research in Vancouver does not support this.", ReasonNewName},
		{"new institution at the start", "Statistics Canada and the RCMP agree.", ReasonNewName},
		{"two-word name at the start", "Fraser Institute research disagrees.", ReasonNewName},
		{"capital at the start of a sentence", "Research disagrees. Data show otherwise.", ""},
		{"name from another language's text", "The Conference Board agrees.", ""},
		{"acronym translated in another language's text", "L'OCDE est d'accord.", ""},
		{"acronym nowhere", "The IMF agrees.", ReasonNewName},
		{"name in another script", "Статистическое управление Канады согласно.", ""},
		{"issue 18", "Statistics Canada found newcomers commit most violent crimes in Toronto.", ReasonQuantity},
		{"quantity word", "Newcomers commit most violent crimes.", ReasonQuantity},
		{"french quantity word", "La moitié des immigrants.", ReasonQuantity},
		{"spanish quantity word", "La mitad de los delitos.", ReasonQuantity},
		{"translated quantity word", "Plus de deux fois plus susceptibles d'être arrêtés.", ""},
		{"spanish translation", "Más del doble de probabilidades de ser arrestados.", ""},
		{"superlative, not a quantity", "The most educated saw slower pay growth.", ""},
		{"quantity word of another language's text only", "La plupart des études.", ReasonQuantity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(t, NoNewContent(tt.output, curated, curated+"\n"+french)); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoRestatement(t *testing.T) {
	claims := []Text{
		{Lang: "en", Curated: "Immigrants bring crime to Canada."},
		{Lang: "fr", Curated: "Les immigrants amènent la criminalité au Canada."},
	}
	var docs []match.Document
	var said []Said
	for i, c := range claims {
		docs = append(docs, match.Document{ID: string(rune('a' + i)), Texts: []match.Text{{Kind: match.KindClaim, Lang: c.Lang, Text: c.Curated}}})
		said = append(said, Said{Text: c.Curated, Lang: c.Lang})
	}
	docs = append(docs, match.Document{ID: "housing", Texts: []match.Text{{Kind: match.KindClaim, Lang: "en", Text: "Immigrants cause the housing crisis."}}})
	ix, err := match.Build(docs, match.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := Myth{Claims: said, Phrasings: []Said{{Text: "immigrants commit more crimes", Lang: "en"}}, Analyze: ix.Terms}
	const curated = "Canadian research doesn't support this. One study found new immigrants have no significant effect on crime rates."
	tests := []struct {
		name, output, lang string
		want               string
	}{
		{"faithful", "Canadian research doesn't back this up. A study saw no significant effect of new immigrants on crime rates.", "en", ""},
		{"reversed", "Immigrants are criminals. The data is clear: newcomers bring crime to our cities.", "en", ReasonMyth},
		{"reversed in french", "Les immigrants amènent la criminalité au Canada, c'est clair.", "fr", ReasonMyth},
		{"close to a phrasing", "Immigrants commit twice as many crimes.", "en", ReasonMyth},
		{"off without an analyzer", "Immigrants bring crime to Canada.", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mm := m
			if strings.HasPrefix(tt.name, "off") {
				mm = Myth{}
			}
			if got := reason(t, NoRestatement(tt.output, tt.lang, curated, "en", mm, DefaultMythMargin, DefaultPhrasingMargin)); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}
