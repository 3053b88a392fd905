package guard

import (
	"errors"
	"strings"
	"testing"
)

// reason returns the violation's reason, "" for nil, and fails on any other error.
func reason(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var v *Violation
	if !errors.As(err, &v) {
		t.Fatalf("%v is not a *Violation", err)
	}
	return v.Reason
}

func TestTextGuards(t *testing.T) {
	const curated = "Immigrants pay taxes. The OECD finds the net fiscal effect small."
	tests := []struct {
		name  string
		check func() error
		want  string
	}{
		{"empty", func() error { return NotEmpty("  \n") }, ReasonEmpty},
		{"only emoji", func() error { return NotEmpty("🙂 …") }, ReasonEmpty},
		{"text", func() error { return NotEmpty("Immigrants pay taxes.") }, ""},
		{"english refusal", func() error { return NotRefusal("I'm sorry, but I can't help with that.", curated) }, ReasonRefusal},
		{"model talk", func() error { return NotRefusal("As an AI language model, I think...", curated) }, ReasonRefusal},
		{"preamble", func() error { return NotRefusal("Here is the rephrased answer: Immigrants pay taxes.", curated) }, ReasonRefusal},
		{"french refusal", func() error { return NotRefusal("Désolé, je ne peux pas répondre.", curated) }, ReasonRefusal},
		{"spanish refusal", func() error { return NotRefusal("Lo siento, no puedo ayudar con eso.", curated) }, ReasonRefusal},
		{"curly apostrophe", func() error { return NotRefusal("I can’t do that.", curated) }, ReasonRefusal},
		{"phrase the curated text uses", func() error { return NotRefusal("No puedo creerlo: pagan impuestos.", "No puedo creerlo.") }, ""},
		{"rebuttal", func() error { return NotRefusal("Immigrants do pay taxes; the OECD finds a small effect.", curated) }, ""},
		{"within 280", func() error { return WithinRunes(strings.Repeat("é", 280), 280) }, ""},
		{"over 280", func() error { return WithinRunes(strings.Repeat("é", 281), 280) }, ReasonTooLong},
		{"no limit", func() error { return WithinRunes(strings.Repeat("a", 5000), 0) }, ""},
		{"growth within", func() error { return WithinGrowth(strings.Repeat("a", 150), strings.Repeat("b", 100), 50) }, ""},
		{"growth over", func() error { return WithinGrowth(strings.Repeat("a", 151), strings.Repeat("b", 100), 50) }, ReasonGrowth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(t, tt.check()); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinksAndMentions(t *testing.T) {
	tests := []struct {
		output string
		want   string
	}{
		{"See https://example.org/report for more.", ReasonLink},
		{"See http://bit.ly/x", ReasonLink},
		{"Read www.statcan.gc.ca today", ReasonLink},
		{"Read statcan.gc.ca today", ReasonLink},
		{"Read bit.ly/abc", ReasonLink},
		{"Write to facts@example.org", ReasonLink},
		{"Ask @everyone about it", ReasonMention},
		{"@someone is wrong", ReasonMention},
		{"Ping <@123456789> now", ReasonMention},
		{"Role <@&42> too", ReasonMention},
		{"Immigrants are 23% of builders (StatCan, 2021). The U.S. differs, e.g. in Texas.", ""},
		{"Prices rose 17.1%... in a year [3].", ""},
		// Domains under any top-level domain, and obfuscated ones, are links too.
		{"Read evil.example/crime for the truth", ReasonLink},
		{"The real story is at evil-news.ru", ReasonLink},
		{"See truth.xyz.", ReasonLink},
		{"Go to evil[.]example now", ReasonLink},
		{"Go to evil(.)example now", ReasonLink},
		{"Go to evil [dot] example now", ReasonLink},
		{"Go to evil{.}example", ReasonLink},
		{"Go to evil dot com for more", ReasonLink},
		{"Go to ｅｖｉｌ．ｅｘａｍｐｌｅ now", ReasonLink},
		{"Go to evil。example now", ReasonLink},
		{"Go to sub.evil.co.example", ReasonLink},
		// Ordinary prose with dots is not.
		{"Un estudio de EE. UU. halla poca evidencia; EE.UU. no es Canadá.", ""},
		{"Immigrants, i.e. newcomers, a.m. and p.m., Ph.D. holders, No. 4.1 and 0.4%.", ""},
		{"He said so (in 2020). Then prices rose. Dr. Smith agreed, etc. and so on...", ""},
		{"the dot on the map", ""},
	}
	for _, tt := range tests {
		err := NoLinks(tt.output)
		if err == nil {
			err = NoMentions(tt.output)
		}
		if got := reason(t, err); got != tt.want {
			t.Errorf("%q: reason %q, want %q", tt.output, got, tt.want)
		}
	}
}

func TestCitationsAndCurrencies(t *testing.T) {
	tests := []struct {
		name  string
		check func() error
		want  string
	}{
		{"kept citations", func() error { return Citations("a [1] b [2]", "x [1] y [2] z [3]") }, ""},
		{"dropped citations", func() error { return Citations("a b", "x [1] y [2]") }, ""},
		{"new citation", func() error { return Citations("a [4]", "x [1] y [2]") }, ReasonCitation},
		{"dollar sign for dollars", func() error { return Currencies("$16 billion", "16 milliards de dollars") }, ""},
		{"dollars for a dollar sign", func() error { return Currencies("500 dólares", "about $500") }, ""},
		{"euros from dollars", func() error { return Currencies("€607,280", "$607,280") }, ReasonCurrency},
		{"no currency", func() error { return Currencies("23% of builders", "23% of builders") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(t, tt.check()); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	const en = "Immigrants do pay taxes, and the OECD finds that the net effect is small and close to zero on average."
	tests := []struct {
		name, output, lang, from string
		want                     string
	}{
		{"english", en, "en", "en", ""},
		{"french", "Les immigrants paient des impôts, et l'OCDE estime que l'effet net est faible et proche de zéro en moyenne.", "fr", "en", ""},
		{"spanish", "Los inmigrantes sí pagan impuestos y la OCDE considera que el efecto neto es pequeño y cercano a cero.", "es", "en", ""},
		{"english asked, french given", "Les immigrants paient des impôts, et l'OCDE estime que l'effet est faible.", "en", "fr", ReasonLanguage},
		{"french asked, english given", en, "fr", "en", ReasonLanguage},
		{"arabic", "المهاجرون يدفعون الضرائب، وتجد منظمة التعاون الاقتصادي أن الأثر الصافي صغير.", "ar", "en", ""},
		{"arabic asked, english given", en, "ar", "en", ReasonLanguage},
		{"punjabi in gurmukhi", "ਪਰਵਾਸੀ ਟੈਕਸ ਦਿੰਦੇ ਹਨ, ਅਤੇ OECD ਅਨੁਸਾਰ ਸ਼ੁੱਧ ਪ੍ਰਭਾਵ ਛੋਟਾ ਹੈ।", "pa", "en", ""},
		{"punjabi asked, hindi script given", "प्रवासी कर देते हैं और ओईसीडी के अनुसार शुद्ध प्रभाव छोटा है।", "pa", "en", ReasonLanguage},
		{"tagalog", "Nagbabayad ng buwis ang mga imigrante, at ayon sa OECD maliit ang netong epekto nito.", "tl", "en", ""},
		{"tagalog asked, english given", en, "tl", "en", ReasonLanguage},
		{"japanese", "移民は税金を払っています。OECDによると純効果は小さいです。", "ja", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(t, Language(tt.output, tt.lang, tt.from)); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	curated := "Immigrants are 23% of residential builders [1], and prices rose 17.1% in 2020 [2]."
	base := Text{Lang: "en", Curated: curated, CuratedLang: "en", MaxRunes: 280, MaxGrowth: 50}
	tests := []struct {
		name, output string
		want         string
	}{
		{"faithful", "Prices rose 17.1% in 2020 [2], and immigrants are 23% of the people who build homes [1].", ""},
		{"invented number", "Prices rose 40% in 2020 [2].", ReasonNumber},
		{"added link", "Prices rose 17.1% in 2020, see https://example.com.", ReasonLink},
		{"refusal", "I cannot help with that.", ReasonRefusal},
		{"too much longer", curated + " " + curated, ReasonGrowth},
		{"wrong language", "Les immigrants sont 23 % des constructeurs et les prix ont monté de 17,1 % en 2020.", ReasonLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Output = tt.output
			if got := reason(t, Check(in)); got != tt.want {
				t.Errorf("reason %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkCheck measures the guards on a full answer, the cost added to each paraphrase.
func BenchmarkCheck(b *testing.B) {
	full := strings.Repeat("In 2020 Canada admitted 184,624 immigrants, and prices rose 17.1% to a record $607,280 [3]. ", 12)
	in := Text{Output: full, Lang: "en", Curated: full, CuratedLang: "en", MaxGrowth: 50}
	for b.Loop() {
		if err := Check(in); err != nil {
			b.Fatal(err)
		}
	}
}
